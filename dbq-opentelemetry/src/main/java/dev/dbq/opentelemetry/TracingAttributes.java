package dev.dbq.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attribute names of dbq's spans: OpenTelemetry's messaging semantic conventions where they
 * name the thing ({@code messaging.*}), dbq's own under {@code dbq.*}. Spelled here rather than
 * taken from the semconv artifact, so the module needs the API alone.
 */
final class TracingAttributes {
  private TracingAttributes() {}

  /** {@code messaging.system}: always {@value #SYSTEM}. */
  static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");

  /** {@code messaging.destination.name}: the job's queue. */
  static final AttributeKey<String> DESTINATION =
      AttributeKey.stringKey("messaging.destination.name");

  /** {@code messaging.message.id}: the job's id. */
  static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");

  /** {@code messaging.operation.type}: {@value #SEND} or {@value #PROCESS}. */
  static final AttributeKey<String> OPERATION_TYPE =
      AttributeKey.stringKey("messaging.operation.type");

  /** {@code messaging.operation.name}: the same words, as the span names begin. */
  static final AttributeKey<String> OPERATION_NAME =
      AttributeKey.stringKey("messaging.operation.name");

  /** {@code dbq.job.name}. */
  static final AttributeKey<String> JOB_NAME = AttributeKey.stringKey("dbq.job.name");

  /** {@code dbq.job.priority}, on send spans. */
  static final AttributeKey<Long> JOB_PRIORITY = AttributeKey.longKey("dbq.job.priority");

  /** {@code dbq.enqueue.in_transaction}, on send spans: written in the caller's transaction. */
  static final AttributeKey<Boolean> IN_TRANSACTION =
      AttributeKey.booleanKey("dbq.enqueue.in_transaction");

  /** {@code dbq.step.name}. */
  static final AttributeKey<String> STEP_NAME = AttributeKey.stringKey("dbq.step.name");

  /** {@code dbq.step.index}: 0 for the first step. */
  static final AttributeKey<Long> STEP_INDEX = AttributeKey.longKey("dbq.step.index");

  /** {@code dbq.attempt}: the attempt at this step, 1 for the first. */
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("dbq.attempt");

  /** {@code dbq.worker.id}: the worker running the step. */
  static final AttributeKey<String> WORKER_ID = AttributeKey.stringKey("dbq.worker.id");

  /**
   * {@code dbq.step.result}: how the run ended, {@code succeeded}, {@code retrying}, {@code
   * failed}, {@code cancelled} or {@code lost}.
   */
  static final AttributeKey<String> STEP_RESULT = AttributeKey.stringKey("dbq.step.result");

  /** {@code exception.message}, on the {@code exception} event of a failed step. */
  static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");

  static final String SYSTEM = "dbq";
  static final String SEND = "send";
  static final String PROCESS = "process";
}
