package dev.dbq.runtime;

import java.util.UUID;

/** Writes step-run history rows with SQL, as the worker's saves record them. */
final class StepRunRows {
  private StepRunRows() {}

  /** One run that started a second before it ended, ending now (database clock). */
  static void insert(
      Sql sql,
      UUID job,
      int stepIndex,
      String stepName,
      int attempt,
      String outcome,
      String error,
      String stackTrace) {
    sql.execute(
        "INSERT INTO dbq_step_run (job_id, step_index, step_name, attempt, worker, started, ended,"
            + " outcome, error, stack_trace) SELECT '"
            + job
            + "', "
            + stepIndex
            + ", "
            + literal(stepName)
            + ", "
            + attempt
            + ", 'worker-1', n.t - interval '1.25 second', n.t, '"
            + outcome
            + "', "
            + literal(error)
            + ", "
            + literal(stackTrace)
            // one reading of the clock, so that the run lasts exactly 1.25 s
            + " FROM (SELECT clock_timestamp() AS t) AS n");
  }

  private static String literal(String text) {
    return text == null ? "NULL" : "'" + text.replace("'", "''") + "'";
  }
}
