package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.internal.RuntimeLoggers;
import dev.dbq.runtime.internal.store.Claim;
import dev.dbq.runtime.internal.store.StepRunOutcome;
import dev.dbq.runtime.internal.store.WorkerStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;

/**
 * Gives claims back as READY (fenced by the claim) with the reason, and logs it; a step that ran is
 * recorded in its job's history by the same statement. A failure is only logged: the claims' leases
 * lapse and the rescue gives them back instead. The claims given back leave the held claims before
 * their release is over ({@link ClaimsHeld#releasing}), so that a renewal meeting the hand-back
 * reports no lost lease. It logs as the claim loop, whose logger users configure.
 */
final class HandBack {
  private static final Logger log = RuntimeLoggers.of(ClaimLoop.class);

  private final WorkerStore store;
  private final ClaimsHeld claims;
  private final JobCatalog catalog;

  HandBack(WorkerStore store, ClaimsHeld claims, JobCatalog catalog) {
    this.store = store;
    this.claims = claims;
    this.catalog = catalog;
  }

  /**
   * @param claimIds the claims; none is a no-op. Afterwards they are no longer held: unstarted ones
   *     (withdrawn by a shutdown) in any case, run ones once the statement committed
   * @param reason why, for the log and the job's row
   * @param ranAs how the steps' runs ended ({@link StepRunOutcome#LOST} or {@link
   *     StepRunOutcome#STOPPED}: their attempts count toward the lost-run bound and each run is
   *     recorded), or null for steps that never started (their attempts are given back)
   */
  void of(Set<UUID> claimIds, String reason, StepRunOutcome ranAs) {
    if (claimIds.isEmpty()) {
      return;
    }
    Set<UUID> given = Set.copyOf(claimIds);
    // announced before the statement: a renewal that runs after its commit, while the claims are
    // still held, must not count them lost
    claims.releasing(given);
    try {
      List<UUID> ids = new ArrayList<>(now(given, reason, ranAs));
      if (ranAs != null) {
        // no longer this worker's, though a slot may still be in the step: not renewed any more
        claims.runsHandedBack(given);
      }
      log.warn("handed back {} job(s) as READY: {} ({})", ids.size(), ids, reason);
    } catch (SQLException e) {
      log.warn("cannot hand back {} job(s); their leases will lapse", given.size(), e);
    } finally {
      try {
        if (ranAs == null) {
          // withdrawn by a shutdown: let go whether or not the statement committed; after a
          // failure their leases lapse and the rescue gives them back
          claims.handedBack(given);
        }
      } finally {
        claims.releaseDone(given);
      }
    }
  }

  private List<UUID> now(Set<UUID> claimIds, String reason, StepRunOutcome ranAs)
      throws SQLException {
    if (ranAs == null) {
      return store.handBackUnstarted(claimIds, reason);
    }
    List<WorkerStore.Unfinished> runs = new ArrayList<>(claimIds.size());
    for (UUID id : claimIds) {
      Claim claim = claims.claim(id);
      Long started = claims.startedNanos(id);
      // neither: its outcome was saved meanwhile, and the claim is no longer this worker's
      if (claim != null && started != null) {
        runs.add(new WorkerStore.Unfinished(claim, StepRunner.stepName(catalog, claim), started));
      }
    }
    return store.handBackRuns(runs, reason, ranAs);
  }
}
