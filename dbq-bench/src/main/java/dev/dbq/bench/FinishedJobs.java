package dev.dbq.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Fills the bench database with finished jobs and their history ({@code finished-jobs.sql}). */
final class FinishedJobs {
  private static final String RESOURCE = "finished-jobs.sql";

  private FinishedJobs() {}

  /** Inserts {@code jobs} COMPLETE jobs of queue {@code default}, then vacuums and analyses. */
  static void insert(DataSource ds, int jobs) throws SQLException, IOException {
    if (jobs < 1) {
      throw new IllegalArgumentException("finished jobs must be at least 1, was " + jobs);
    }
    BenchDatabase.execute(ds, sql(jobs));
    BenchDatabase.execute(ds, "VACUUM ANALYZE dbq_job");
    BenchDatabase.execute(ds, "VACUUM ANALYZE dbq_step_run");
  }

  /** The resource's statements with {@code :jobs} written in. */
  static String sql(int jobs) throws IOException {
    try (InputStream in = FinishedJobs.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the bench");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace(":jobs", Integer.toString(jobs));
    }
  }
}
