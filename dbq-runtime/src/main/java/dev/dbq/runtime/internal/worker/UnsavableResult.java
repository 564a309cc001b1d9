package dev.dbq.runtime.internal.worker;

import dev.dbq.runtime.internal.ErrorText;
import dev.dbq.runtime.internal.RefusedData;
import dev.dbq.runtime.internal.RuntimeLoggers;
import dev.dbq.runtime.internal.store.Claim;
import dev.dbq.runtime.internal.store.StepOutcome;
import java.sql.SQLException;
import org.slf4j.Logger;

/**
 * A step's result that PostgreSQL refuses as data ({@link RefusedData}), such as a workspace string
 * holding {@code \u0000}, which {@code jsonb} cannot store. Retrying cannot help, unlike a lost
 * connection, so the job fails with the reason.
 */
public final class UnsavableResult {
  private static final Logger log = RuntimeLoggers.of(UnsavableResult.class);
  private static final String PREFIX = "the result of step ";

  private UnsavableResult() {}

  /**
   * The outcome to save instead of one the database refused.
   *
   * @return a {@link StepOutcome.Failed} naming the refusal, or null when the refused outcome was
   *     already such a replacement (then nothing more is tried and the lease lapses)
   */
  static StepOutcome replacement(Claim claim, StepOutcome refused, SQLException e) {
    if (refused instanceof StepOutcome.Failed f && f.error().startsWith(PREFIX)) {
      log.error("job {}: even its failure cannot be saved; its lease will lapse", claim.id(), e);
      return null;
    }
    String error =
        ErrorText.clean(
            PREFIX
                + (claim.stepIndex() + 1)
                + " could not be saved, the database refused it: "
                + e.getMessage());
    log.error("job {} FAILED: {}", claim.id(), error);
    return new StepOutcome.Failed(null, error, null);
  }
}
