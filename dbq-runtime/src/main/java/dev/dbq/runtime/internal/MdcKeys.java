package dev.dbq.runtime.internal;

/**
 * The SLF4J MDC keys the worker sets while a step runs. One place, because the worker writes them
 * and the command line's log format reads them.
 */
public final class MdcKeys {
  /** The running job's id. */
  public static final String JOB_ID = "dbq.job.id";

  /** The running job's name. */
  public static final String JOB_NAME = "dbq.job.name";

  /** The running job's queue. */
  public static final String QUEUE = "dbq.queue";

  /** The running step's name. */
  public static final String STEP = "dbq.step";

  private MdcKeys() {}
}
