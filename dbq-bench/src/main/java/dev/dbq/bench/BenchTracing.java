package dev.dbq.bench;

import dev.dbq.opentelemetry.DbqTracing;
import dev.dbq.runtime.DbqWorker;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;

/**
 * The tracing workload's two sides: one {@link DbqTracing} over the OpenTelemetry SDK as an
 * application configures it (every span sampled, W3C propagation, a batch span processor), whose
 * exporter discards the spans, so that what is measured is dbq's instrumentation and the SDK's span
 * handling, not a collector. The enqueuing process installs it on its {@code Dbq} (each job then
 * carries a trace context for the worker to read and link to); with {@code -Dbench.tracing=true} a
 * worker process adds it to every worker it builds and enqueues its warm-up jobs through it, so
 * that the warm-up runs the traced path the measured drain runs.
 */
final class BenchTracing {
  static final String PROPERTY = "bench.tracing";

  private static DbqTracing tracing;

  private BenchTracing() {}

  /** The process's one tracing, made at the first call. */
  static synchronized DbqTracing tracing() {
    if (tracing == null) {
      SdkTracerProvider tracers =
          SdkTracerProvider.builder()
              .addSpanProcessor(
                  BatchSpanProcessor.builder(SpanExporter.composite(List.of()))
                      // room for a drain's bursts: a dropped span would be work not measured
                      .setMaxQueueSize(1 << 16)
                      .build())
              .build();
      OpenTelemetrySdk sdk =
          OpenTelemetrySdk.builder()
              .setTracerProvider(tracers)
              .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
              .build();
      tracing = DbqTracing.create(sdk);
    }
    return tracing;
  }

  /** Whether this worker process traces ({@code -Dbench.tracing=true}). */
  static boolean enabled() {
    return Boolean.getBoolean(PROPERTY);
  }

  static DbqWorker.Builder maybeWith(DbqWorker.Builder builder) {
    return enabled() ? builder.listener(tracing()) : builder;
  }
}
