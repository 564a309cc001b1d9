package dev.dbq.micrometer;

/** The meters' names and tag keys, lower-case and dot-separated as Micrometer names them. */
final class MeterNames {
  static final String ENQUEUED = "dbq.jobs.enqueued";
  static final String DUPLICATES = "dbq.jobs.duplicates";
  static final String STEP_DURATION = "dbq.step.duration";
  static final String JOB_DURATION = "dbq.job.duration";
  static final String START_DELAY = "dbq.job.start.delay";
  static final String ACTIVE = "dbq.jobs.active";
  static final String RETRIES = "dbq.job.retries";
  static final String RESCUED = "dbq.jobs.rescued";
  static final String CLAIM_BATCH = "dbq.claim.batch";
  static final String CLAIM_DURATION = "dbq.claim.duration";
  static final String QUEUE_DEPTH = "dbq.queue.depth";
  static final String QUEUE_OLDEST_AGE = "dbq.queue.oldest.age";
  static final String WORKER_SLOTS = "dbq.worker.slots";
  static final String LEASE_RENEWAL_FAILURES = "dbq.lease.renewal.failures";
  static final String WAKEUPS = "dbq.wakeups";

  static final String JOB = "job";
  static final String STEP = "step";
  static final String QUEUE = "queue";
  static final String OUTCOME = "outcome";
  static final String STATE = "state";
  static final String SOURCE = "source";

  private MeterNames() {}
}
