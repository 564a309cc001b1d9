package dev.dbq.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.JobState;
import dev.dbq.runtime.internal.store.Claim;
import dev.dbq.runtime.internal.store.StepOutcome;
import dev.dbq.runtime.internal.store.WorkerStore;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the step-run history costs the database per step (issue #14), apart from everything else a
 * drain does: {@code HistoryCost [ROUNDS]} claims 100 jobs and saves them as one batch (the
 * worker's own statements, {@code WorkerStore.claim} and {@code saveBatch}), ROUNDS times with
 * history and ROUNDS times without, alternately in one process, so a machine whose load changes
 * affects both alike; it prints the median and quartiles of the save and of claim plus save. The
 * database is the bench's ({@code DBQ_BENCH_JDBC_URL}); its dbq tables are recreated. {@code
 * -Dbench.historySetup="SQL"} runs a statement after the migration, to see where the cost lies
 * (e.g. {@code ALTER TABLE dbq_step_run DROP CONSTRAINT dbq_step_run_job_id_fkey}).
 */
public final class HistoryCost {
  private static final int BATCH = 100;

  private HistoryCost() {}

  /**
   * @param args the number of rounds, 600 unless given
   * @throws Exception when the database fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
    String url = BenchDatabase.url();
    BenchDatabase.createIfMissing(url);
    try (HikariDataSource ds = BenchDatabase.pool(url, 2)) {
      BenchDatabase.resetDbq(ds);
      String setup = System.getProperty("bench.historySetup", "").strip();
      if (!setup.isEmpty()) {
        System.out.println("setup: " + setup);
        BenchDatabase.execute(ds, setup);
      }
      JobCatalog catalog =
          JobCatalog.of(JobDefinition.builder("noop").step("only", call -> null).build());
      WorkerStore[] stores = {
        new WorkerStore(ds, "with-history", Duration.ofMinutes(1), catalog, true),
        new WorkerStore(ds, "without", Duration.ofMinutes(1), catalog, false)
      };
      long[][] save = new long[2][rounds];
      long[][] cycle = new long[2][rounds];
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < 2; k++) {
          int which = (r + k) % 2; // alternate which goes first
          BenchDatabase.execute(
              ds,
              "INSERT INTO dbq_job (id, name, queue_name) SELECT gen_random_uuid(), 'noop',"
                  + " 'default' FROM generate_series(1, "
                  + BATCH
                  + ")");
          long claimed = System.nanoTime();
          List<Claim> claims = stores[which].claim(List.of("default"), List.of("noop"), BATCH);
          long now = System.nanoTime();
          List<WorkerStore.Finished> batch = new ArrayList<>(claims.size());
          for (Claim claim : claims) {
            batch.add(
                new WorkerStore.Finished(
                    claim,
                    new StepOutcome.Succeeded("{}", 1, JobState.COMPLETE),
                    "only",
                    now,
                    now));
          }
          long saving = System.nanoTime();
          stores[which].saveBatch(batch);
          long saved = System.nanoTime();
          save[which][r] = saved - saving;
          cycle[which][r] = saved - claimed;
        }
        if (r % 100 == 99) {
          // as the worker's own vacuum does, so that dead claim-index entries do not pile up
          BenchDatabase.execute(ds, "VACUUM dbq_job");
        }
      }
      long rows;
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement();
          var rs = s.executeQuery("SELECT count(*) FROM dbq_step_run")) {
        rs.next();
        rows = rs.getLong(1);
      }
      System.out.printf(
          "%d rounds of %d jobs each way; %d history rows written%n", rounds, BATCH, rows);
      print("claim + save, history on ", cycle[0]);
      print("claim + save, history off", cycle[1]);
      print("save alone,   history on ", save[0]);
      print("save alone,   history off", save[1]);
      System.out.printf(
          "history adds %.0f %% to claim + save, %.0f %% to the save (medians)%n",
          100.0 * (median(cycle[0]) / median(cycle[1]) - 1),
          100.0 * (median(save[0]) / median(save[1]) - 1));
    }
  }

  private static void print(String what, long[] nanos) {
    long[] a = nanos.clone();
    Arrays.sort(a);
    System.out.printf(
        "%s: median %.2f ms (quartiles %.2f, %.2f) per %d steps%n",
        what, a[a.length / 2] / 1e6, a[a.length / 4] / 1e6, a[a.length * 3 / 4] / 1e6, BATCH);
  }

  private static double median(long[] nanos) {
    long[] a = nanos.clone();
    Arrays.sort(a);
    return a[a.length / 2];
  }
}
