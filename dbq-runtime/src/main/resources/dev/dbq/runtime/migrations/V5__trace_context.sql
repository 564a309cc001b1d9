-- dbq schema, version 5: the trace context of the enqueue (#15, dbq-opentelemetry). An optional
-- tracing module (an EnqueueInterceptor) stores the propagation fields of the span that enqueued
-- the job (W3C traceparent and tracestate, or its propagator's own) as one JSON object of strings;
-- the claim returns it to the worker, whose process spans link back to that span. NULL when no
-- interceptor is installed: a nullable column without a default is added without rewriting the
-- table, and a NULL costs nothing to store or return. No index: nothing searches by it.
ALTER TABLE dbq_job ADD COLUMN IF NOT EXISTS trace_context jsonb NULL;
