package dev.dbq.opentelemetry;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.DbqWorker;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A worker process with tracing, as an application would run one: its own OpenTelemetry SDK (W3C
 * propagation, spans written to the file named by its one argument), the database from {@code
 * DBQ_JDBC_URL}; it drains what is runnable, flushes its spans and exits 0.
 */
public final class TracedWorkerMain {
  private TracedWorkerMain() {}

  /**
   * @param args the file to write spans to
   * @throws Exception when the worker cannot run
   */
  public static void main(String[] args) throws Exception {
    SdkTracerProvider tracers =
        SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new SpanLines(Path.of(args[0]))))
            .build();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(tracers)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    TestJobs.stepTracer = sdk.getTracer("worker-process");
    try (Dbq dbq = Dbq.fromEnvironment()) {
      DbqWorker worker =
          DbqWorker.builder()
              .dbq(dbq)
              .catalog(TestJobs.CATALOG)
              .listener(DbqTracing.create(sdk))
              .build();
      long ran = worker.runUntilEmpty();
      System.out.println("ran " + ran + " steps");
    } finally {
      tracers.shutdown().join(10, TimeUnit.SECONDS);
    }
  }
}
