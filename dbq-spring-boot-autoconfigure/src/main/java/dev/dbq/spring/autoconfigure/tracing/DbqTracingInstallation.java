package dev.dbq.spring.autoconfigure.tracing;

import dev.dbq.opentelemetry.DbqTracing;
import dev.dbq.runtime.Dbq;
import org.springframework.beans.factory.DisposableBean;

/**
 * {@link DbqTracing} as the {@link Dbq}'s enqueue interceptor, from its creation until the context
 * closes. Why a bean of its own and not in {@code dbqTracing()}: an application's own {@code
 * DbqTracing} bean is installed as well.
 */
final class DbqTracingInstallation implements DisposableBean {
  private final Dbq dbq;
  private final DbqTracing tracing;

  DbqTracingInstallation(Dbq dbq, DbqTracing tracing) {
    this.dbq = dbq;
    this.tracing = tracing;
    tracing.install(dbq);
  }

  @Override
  public void destroy() {
    dbq.removeEnqueueInterceptor(tracing);
  }
}
