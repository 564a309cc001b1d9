package dev.dbq.opentelemetry;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.DbqEvent;
import dev.dbq.runtime.DbqListener;
import dev.dbq.runtime.EnqueueInterceptor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.List;
import java.util.Objects;

/**
 * dbq's OpenTelemetry traces: a send span per enqueued job, its trace context stored with the job,
 * and a process span per step run that links back to it. Add it as an enqueue interceptor to the
 * {@link Dbq} that enqueues ({@link Dbq#addEnqueueInterceptor}) and as a listener to each worker
 * ({@code DbqWorker.builder().listener(tracing)}); {@link #install(Dbq)} does the first.
 *
 * <pre>{@code
 * DbqTracing tracing = DbqTracing.create(openTelemetry);
 * tracing.install(dbq);
 * DbqWorker worker = DbqWorker.builder().dbq(dbq).listener(tracing).build();
 * }</pre>
 *
 * <p>It needs the OpenTelemetry API alone: the application brings the SDK (or the Java agent) and
 * passes its {@link OpenTelemetry}; spans are made by its tracer named {@value #INSTRUMENTATION}
 * and the trace context travels through its {@linkplain OpenTelemetry#getPropagators() text map
 * propagator} (W3C {@code traceparent} and {@code tracestate}, and baggage when it is configured).
 *
 * <ul>
 *   <li><b>{@code send <queue>}</b>, kind PRODUCER, one per job, a child of the span current where
 *       {@code enqueue} was called, from just before the insert to its end (an error status and the
 *       exception when the insert failed). Its context is stored with the job ({@code
 *       dbq_job.trace_context}); in a batch each job has its own span.
 *   <li><b>{@code process <queue>}</b>, kind CONSUMER, one per step run (each attempt, each step),
 *       from the step's start to its end, hooks included, and current on the step's thread: spans
 *       the step's code opens are its children. It starts a trace of its own with a <b>link</b> to
 *       the job's send span (not a parent: the work runs later, perhaps much later, and may run
 *       several times); a step whose job was enqueued without tracing has no link. A failed,
 *       retried or lost run has status ERROR with the failure's message, and an {@code exception}
 *       event with {@code exception.message}.
 * </ul>
 *
 * <p>Attributes, as OpenTelemetry's messaging conventions name them: {@code messaging.system=dbq},
 * {@code messaging.destination.name} (the queue), {@code messaging.message.id} (the job's id),
 * {@code messaging.operation.type} and {@code messaging.operation.name} ({@code send}, {@code
 * process}); and dbq's own: {@code dbq.job.name}, on send spans {@code dbq.job.priority} and {@code
 * dbq.enqueue.in_transaction}, on process spans {@code dbq.step.name}, {@code dbq.step.index} (0
 * for the first), {@code dbq.attempt} (1 for the first), {@code dbq.worker.id} and {@code
 * dbq.step.result} ({@code succeeded}, {@code retrying}, {@code failed}, {@code cancelled}, {@code
 * lost}).
 *
 * <p>Enqueues in the caller's transaction ({@code enqueue(connection)}) are traced by the
 * interceptors of the {@linkplain Dbq#getDefault() default} {@code Dbq}: install it there. Without
 * an interceptor nothing is stored ({@code trace_context} stays NULL) and a worker without this
 * listener parses nothing.
 */
public final class DbqTracing implements EnqueueInterceptor, DbqListener {
  /** The instrumentation scope name of dbq's tracer. */
  public static final String INSTRUMENTATION = "dev.dbq.opentelemetry";

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final ProcessSpans process;

  private DbqTracing(OpenTelemetry openTelemetry) {
    TracerBuilder builder = openTelemetry.tracerBuilder(INSTRUMENTATION);
    String version = DbqTracing.class.getPackage().getImplementationVersion();
    if (version != null) {
      builder.setInstrumentationVersion(version);
    }
    this.tracer = builder.build();
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    this.process = new ProcessSpans(tracer, propagator);
  }

  /**
   * @param openTelemetry the application's OpenTelemetry (its SDK, or {@code
   *     GlobalOpenTelemetry.get()})
   * @return tracing through its tracer and propagator
   */
  public static DbqTracing create(OpenTelemetry openTelemetry) {
    return new DbqTracing(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  /**
   * Traces the enqueues of {@code dbq}: adds this as its enqueue interceptor.
   *
   * @param dbq the queue that enqueues (the {@linkplain Dbq#getDefault() default} one, for enqueues
   *     in the caller's transaction)
   * @return {@code dbq}
   */
  public Dbq install(Dbq dbq) {
    return Objects.requireNonNull(dbq, "dbq").addEnqueueInterceptor(this);
  }

  /**
   * Opens the send spans of an enqueue; called by the {@link Dbq}.
   *
   * @param jobs the jobs about to be written
   * @param inCallersTransaction whether in the caller's transaction
   * @return the spans, which give each job its trace context and end with the statement
   */
  @Override
  public Enqueue enqueuing(List<DbqEvent.EnqueuedJob> jobs, boolean inCallersTransaction) {
    return new SendSpans(tracer, propagator, jobs, inCallersTransaction);
  }

  /**
   * Opens a step run's process span and makes it current; called by the worker on the step's
   * thread.
   *
   * @param event the step's start
   */
  @Override
  public void onStepStarted(DbqEvent.StepStarted event) {
    process.started(event);
  }

  /**
   * Ends the step run's process span with its outcome; called by the worker on the step's thread.
   *
   * @param event the step's end
   */
  @Override
  public void onStepEnded(DbqEvent.StepEnded event) {
    process.ended(event);
  }
}
