package dev.dbq.opentelemetry;

import static dev.dbq.opentelemetry.TracingAttributes.DESTINATION;
import static dev.dbq.opentelemetry.TracingAttributes.IN_TRANSACTION;
import static dev.dbq.opentelemetry.TracingAttributes.JOB_NAME;
import static dev.dbq.opentelemetry.TracingAttributes.JOB_PRIORITY;
import static dev.dbq.opentelemetry.TracingAttributes.MESSAGE_ID;
import static dev.dbq.opentelemetry.TracingAttributes.MESSAGING_SYSTEM;
import static dev.dbq.opentelemetry.TracingAttributes.OPERATION_NAME;
import static dev.dbq.opentelemetry.TracingAttributes.OPERATION_TYPE;
import static dev.dbq.opentelemetry.TracingAttributes.SEND;
import static dev.dbq.opentelemetry.TracingAttributes.SYSTEM;

import dev.dbq.runtime.DbqEvent;
import dev.dbq.runtime.EnqueueInterceptor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The send spans of one enqueue: one PRODUCER span per job, children of what was current on the
 * enqueuing thread, started before the statement and ended when it ended. Each job's trace context
 * is its own span's, so each job's process spans link to the span of its own enqueue, also in a
 * batch.
 */
final class SendSpans implements EnqueueInterceptor.Enqueue {
  private final Span[] spans;
  private final Context parent;
  private final TextMapPropagator propagator;

  SendSpans(
      Tracer tracer,
      TextMapPropagator propagator,
      List<DbqEvent.EnqueuedJob> jobs,
      boolean inCallersTransaction) {
    this.propagator = propagator;
    this.parent = Context.current();
    this.spans = new Span[jobs.size()];
    for (int i = 0; i < spans.length; i++) {
      DbqEvent.EnqueuedJob job = jobs.get(i);
      spans[i] =
          tracer
              .spanBuilder(SEND + " " + job.job().queue())
              .setSpanKind(SpanKind.PRODUCER)
              .setParent(parent)
              .setAttribute(MESSAGING_SYSTEM, SYSTEM)
              .setAttribute(DESTINATION, job.job().queue())
              .setAttribute(OPERATION_TYPE, SEND)
              .setAttribute(OPERATION_NAME, SEND)
              .setAttribute(MESSAGE_ID, job.job().id().toString())
              .setAttribute(JOB_NAME, job.job().name())
              .setAttribute(JOB_PRIORITY, (long) job.priority())
              .setAttribute(IN_TRANSACTION, inCallersTransaction)
              .startSpan();
    }
  }

  @Override
  public Map<String, String> traceContext(int index) {
    Span span = spans[index];
    if (!span.getSpanContext().isValid()) {
      return Map.of(); // a no-op tracer: nothing worth storing
    }
    Map<String, String> carrier = new HashMap<>(4);
    propagator.inject(parent.with(span), carrier, MapCarrier.INSTANCE);
    return carrier;
  }

  @Override
  public void ended(Throwable failure) {
    for (Span span : spans) {
      if (failure != null) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
      }
      span.end();
    }
  }
}
