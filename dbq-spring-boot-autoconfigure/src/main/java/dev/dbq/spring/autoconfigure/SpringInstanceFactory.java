package dev.dbq.spring.autoconfigure;

import dev.dbq.runtime.InstanceFactory;
import java.util.function.Supplier;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Takes the instances that steps and hooks run on from the application context: a {@code @Job}
 * class that is a bean (a {@code @Component}, {@code @Service}, or a {@code @Bean}) runs on that
 * bean, with whatever it had injected; its scope decides whether each call gets the same one. A
 * class that is no bean gets a new instance per call from its no-arg constructor, as without
 * Spring.
 */
final class SpringInstanceFactory implements InstanceFactory {
  private final ListableBeanFactory beans;

  SpringInstanceFactory(ListableBeanFactory beans) {
    this.beans = beans;
  }

  @Override
  public <T> T instance(Class<T> type, Supplier<T> constructor) {
    // the only bean of the type, or its @Primary one; several without a primary is ambiguous
    T bean = beans.getBeanProvider(type).getIfUnique();
    return bean != null ? bean : constructor.get();
  }
}
