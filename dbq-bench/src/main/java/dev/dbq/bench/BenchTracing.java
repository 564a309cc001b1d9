package dev.dbq.bench;

import dev.dbq.opentelemetry.DbqTracing;
import dev.dbq.runtime.DbqWorker;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The tracing workload's two sides: one {@link DbqTracing} over the OpenTelemetry SDK as an
 * application configures it (W3C propagation, a batch span processor, every span sampled unless the
 * workload asks for a ratio), whose exporter counts and discards the spans, so that what is
 * measured is dbq's instrumentation and the SDK's span handling, not a collector. The enqueuing
 * process installs it on its {@code Dbq} (each job then carries a trace context for the worker to
 * read and link to); with {@code -Dbench.tracing=true} a worker process adds it to every worker it
 * builds and enqueues its warm-up jobs through it, so that the warm-up runs the traced path the
 * measured drain runs. {@code -Dbench.tracingRatio=R} (set by the {@code tracing-sampled} workload
 * for its worker processes) samples with {@code parentBased(traceIdRatioBased(R))} instead.
 */
final class BenchTracing {
  static final String PROPERTY = "bench.tracing";
  static final String RATIO_PROPERTY = "bench.tracingRatio";

  /** Every span sampled: the headline figure's configuration. */
  static final double ALL = 1.0;

  private static final Map<Double, Sdk> made = new HashMap<>();

  private BenchTracing() {}

  /** The process's tracing with every span sampled, or this worker process's ratio. */
  static DbqTracing tracing() {
    return tracing(Double.parseDouble(System.getProperty(RATIO_PROPERTY, Double.toString(ALL))));
  }

  /**
   * @param ratio the share of traces sampled, {@link #ALL} for every span
   * @return the process's tracing with that sampler, made at the first call
   */
  static synchronized DbqTracing tracing(double ratio) {
    return made.computeIfAbsent(ratio, Sdk::new).tracing;
  }

  /**
   * Waits until the spans ended so far were exported (or dropped, when the batch queue was full).
   *
   * @return spans the exporter was given so far, with {@code ratio}'s tracing
   */
  static synchronized long flushedSpans(double ratio) {
    Sdk sdk = made.get(ratio);
    if (sdk == null) {
      return 0;
    }
    sdk.tracers.forceFlush().join(1, TimeUnit.MINUTES);
    return sdk.exporter.spans.sum();
  }

  /** Whether this worker process traces ({@code -Dbench.tracing=true}). */
  static boolean enabled() {
    return Boolean.getBoolean(PROPERTY);
  }

  static DbqWorker.Builder maybeWith(DbqWorker.Builder builder) {
    return enabled() ? builder.listener(tracing()) : builder;
  }

  /** One SDK and the tracing over it. */
  private static final class Sdk {
    final CountingExporter exporter = new CountingExporter();
    final SdkTracerProvider tracers;
    final DbqTracing tracing;

    Sdk(double ratio) {
      tracers =
          SdkTracerProvider.builder()
              .setSampler(
                  ratio >= ALL
                      ? Sampler.alwaysOn()
                      : Sampler.parentBased(Sampler.traceIdRatioBased(ratio)))
              .addSpanProcessor(
                  BatchSpanProcessor.builder(exporter)
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
  }

  /** Counts the spans it is given and drops them. */
  private static final class CountingExporter implements SpanExporter {
    final LongAdder spans = new LongAdder();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.add(batch.size());
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
