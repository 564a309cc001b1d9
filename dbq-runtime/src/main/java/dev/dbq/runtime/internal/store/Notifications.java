package dev.dbq.runtime.internal.store;

import dev.dbq.runtime.Dbq;

/**
 * The PostgreSQL notification dbq sends when jobs are enqueued, so that idle workers wake at once
 * instead of at their next poll. Sent in the enqueuing transaction (so delivered only on commit),
 * once per distinct queue per insert statement, or, for enqueues that overlap others of the same
 * {@link Dbq}, by its {@link Notifier} right after their commits, coalesced; the payload is the
 * queue name.
 */
public final class Notifications {
  /** The channel: {@code LISTEN dbq_job_enqueued}. */
  public static final String CHANNEL = "dbq_job_enqueued";

  /**
   * The payload that tells every worker an operator asked running jobs to stop: each renews its
   * leases at once, and the renewal says which of its jobs to stop. No queue can be named so (a
   * queue name holds no colon).
   */
  public static final String CANCEL_PAYLOAD = "dbq:cancel";

  private Notifications() {}
}
