package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.internal.RuntimeLoggers;
import dev.dbq.runtime.internal.store.WorkerStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;

/**
 * Gives claims back as READY (fenced by the claim) with the reason, and logs it. A failure is only
 * logged: the claims' leases lapse and the rescue gives them back instead. It logs as the claim
 * loop, whose logger users configure.
 */
final class HandBack {
  private static final Logger log = RuntimeLoggers.of(ClaimLoop.class);

  private final WorkerStore store;

  HandBack(WorkerStore store) {
    this.store = store;
  }

  /**
   * @param claimIds the claims; none is a no-op
   * @param reason why, for the log and the job's row
   * @param runCounts whether the steps ran (their attempts count toward the lost-run bound), or
   *     never started (their attempts are given back)
   */
  void of(Set<UUID> claimIds, String reason, boolean runCounts) {
    if (claimIds.isEmpty()) {
      return;
    }
    try {
      List<UUID> ids = new ArrayList<>(store.handBack(claimIds, reason, runCounts));
      log.warn("handed back {} job(s) as READY: {} ({})", ids.size(), ids, reason);
    } catch (SQLException e) {
      log.warn("cannot hand back {} job(s); their leases will lapse", claimIds.size(), e);
    }
  }
}
