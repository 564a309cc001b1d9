package dev.dbq.opentelemetry;

import static dev.dbq.opentelemetry.TracingAttributes.ATTEMPT;
import static dev.dbq.opentelemetry.TracingAttributes.DESTINATION;
import static dev.dbq.opentelemetry.TracingAttributes.EXCEPTION_MESSAGE;
import static dev.dbq.opentelemetry.TracingAttributes.JOB_NAME;
import static dev.dbq.opentelemetry.TracingAttributes.MESSAGE_ID;
import static dev.dbq.opentelemetry.TracingAttributes.MESSAGING_SYSTEM;
import static dev.dbq.opentelemetry.TracingAttributes.OPERATION_NAME;
import static dev.dbq.opentelemetry.TracingAttributes.OPERATION_TYPE;
import static dev.dbq.opentelemetry.TracingAttributes.PROCESS;
import static dev.dbq.opentelemetry.TracingAttributes.STEP_INDEX;
import static dev.dbq.opentelemetry.TracingAttributes.STEP_NAME;
import static dev.dbq.opentelemetry.TracingAttributes.STEP_RESULT;
import static dev.dbq.opentelemetry.TracingAttributes.SYSTEM;
import static dev.dbq.opentelemetry.TracingAttributes.WORKER_ID;

import dev.dbq.runtime.DbqEvent;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Locale;

/**
 * The process spans of a worker's step runs: one CONSUMER span per run, opened when the step starts
 * and current on its thread until it ends, so spans the step's code opens are its children. It
 * starts a trace of its own and links to the send span whose context was stored with the job (the
 * messaging conventions' advice for work that runs later than it was sent); baggage stored with the
 * job is current during the step too.
 */
final class ProcessSpans {
  private static final String[] RESULTS = results();

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  // a step starts and ends on one slot thread, which runs one step at a time
  private final ThreadLocal<Running> running = new ThreadLocal<>();

  ProcessSpans(Tracer tracer, TextMapPropagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  void started(DbqEvent.StepStarted event) {
    Running left = running.get();
    if (left != null) {
      // a start without its end (cannot happen while the worker keeps its contract): do not leak
      running.remove();
      left.close();
    }
    DbqEvent.RunningStep run = event.run();
    Context stored =
        event.traceContext().isEmpty()
            ? Context.root()
            : propagator.extract(Context.root(), event.traceContext(), MapCarrier.INSTANCE);
    SpanContext enqueued = Span.fromContext(stored).getSpanContext();
    SpanBuilder builder =
        tracer
            .spanBuilder(PROCESS + " " + run.job().queue())
            .setSpanKind(SpanKind.CONSUMER)
            .setNoParent()
            .setAttribute(MESSAGING_SYSTEM, SYSTEM)
            .setAttribute(DESTINATION, run.job().queue())
            .setAttribute(OPERATION_TYPE, PROCESS)
            .setAttribute(OPERATION_NAME, PROCESS)
            .setAttribute(MESSAGE_ID, run.job().id().toString())
            .setAttribute(JOB_NAME, run.job().name())
            .setAttribute(STEP_NAME, run.stepName())
            .setAttribute(STEP_INDEX, (long) run.stepIndex())
            .setAttribute(ATTEMPT, (long) run.attempt())
            .setAttribute(WORKER_ID, run.workerId());
    if (enqueued.isValid()) {
      builder.addLink(enqueued);
    }
    Span span = builder.startSpan();
    running.set(new Running(span, stored.with(span).makeCurrent()));
  }

  void ended(DbqEvent.StepEnded event) {
    Running run = running.get();
    if (run == null) {
      return; // its start was not heard (this listener was added while the step ran)
    }
    running.remove();
    Span span = run.span();
    DbqEvent.StepResult result = event.result();
    span.setAttribute(STEP_RESULT, RESULTS[result.ordinal()]);
    if (result != DbqEvent.StepResult.SUCCEEDED && result != DbqEvent.StepResult.CANCELLED) {
      String error = event.error() != null ? event.error() : RESULTS[result.ordinal()];
      span.addEvent("exception", Attributes.of(EXCEPTION_MESSAGE, error));
      span.setStatus(StatusCode.ERROR, error);
    }
    run.close();
  }

  private static String[] results() {
    DbqEvent.StepResult[] all = DbqEvent.StepResult.values();
    String[] names = new String[all.length];
    for (DbqEvent.StepResult r : all) {
      names[r.ordinal()] = r.name().toLowerCase(Locale.ROOT);
    }
    return names;
  }

  /** The span of the step running on this thread, and the scope that makes it current. */
  private record Running(Span span, Scope scope) {
    void close() {
      scope.close();
      span.end();
    }
  }
}
