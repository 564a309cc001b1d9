package dev.dbq.spring.autoconfigure;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.DbqListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Adds every {@link DbqListener} bean (dbq's Micrometer metrics, the application's own) to the
 * {@link Dbq} once all singletons exist, so they hear its enqueues; the worker gets them through
 * its builder. Why not in the {@code Dbq} bean's factory: a listener such as the metrics needs the
 * {@code Dbq} itself, which would be a cycle.
 */
final class DbqListenerRegistration implements SmartInitializingSingleton {
  private final Dbq dbq;
  private final ObjectProvider<DbqListener> listeners;

  DbqListenerRegistration(Dbq dbq, ObjectProvider<DbqListener> listeners) {
    this.dbq = dbq;
    this.listeners = listeners;
  }

  @Override
  public void afterSingletonsInstantiated() {
    listeners.orderedStream().forEach(dbq::addListener);
  }
}
