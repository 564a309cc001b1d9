package dev.dbq.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbq.dashboard.Dashboard;
import dev.dbq.dashboard.DashboardRequest;
import dev.dbq.dashboard.DashboardResponse;
import dev.dbq.runtime.Dbq;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's server time on a large table (issue #18: the jobs page's first page within 200 ms
 * on a million jobs): {@code JobsPageCost [JOBS] [ROUNDS]} fills {@code dbq_job} with JOBS jobs
 * (1,000,000 unless given: 3 queues, 4 names, every state, a workspace each, a failed run of
 * history for the failed ones), then answers each of the dashboard's requests ROUNDS times (50
 * unless given) through its handler, as a browser's would reach it, and prints the median, the 95th
 * percentile and the worst, in milliseconds. The database is the bench's ({@code
 * DBQ_BENCH_JDBC_URL}); its dbq tables are recreated. The jobs page asks for its page and its count
 * apart ({@code api/jobs}, {@code api/jobs/count}), so the page's figure is what a user waits for.
 */
public final class JobsPageCost {
  private static final List<String> REQUESTS =
      List.of(
          "/api/jobs",
          "/api/jobs?state=FAILED",
          "/api/jobs?state=READY&queue=q1",
          "/api/jobs?name=report&state=COMPLETE",
          "/api/jobs?workspace=%7B%22customer%22%3A4242%7D",
          "/api/jobs?state=COMPLETE&from=2020-01-01T00:00:00Z",
          "/api/jobs/count",
          "/api/jobs/count?state=FAILED",
          "/api/overview");

  private JobsPageCost() {}

  /**
   * @param args the number of jobs (1,000,000) and of rounds per request (50)
   * @throws Exception when the database fails
   */
  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    String url = BenchDatabase.url();
    BenchDatabase.createIfMissing(url);
    try (HikariDataSource ds = BenchDatabase.pool(url, 4)) {
      BenchDatabase.resetDbq(ds);
      seed(ds, jobs);
      Dbq dbq = Dbq.create(ds);
      Dashboard dashboard = Dashboard.builder(dbq).build();
      System.out.printf("%,d jobs, %d rounds per request; ms: median p95 max%n", jobs, rounds);
      for (String request : REQUESTS) {
        long[] nanos = new long[rounds];
        for (int i = -Math.min(5, rounds); i < rounds; i++) {
          long start = System.nanoTime();
          DashboardResponse response =
              dashboard.handle(
                  DashboardRequest.of("GET", request, Map.of("Sec-Fetch-Site", "same-origin")));
          long took = System.nanoTime() - start;
          if (response.status() != 200) {
            throw new IllegalStateException(request + " answered " + response.text());
          }
          if (i >= 0) {
            nanos[i] = took; // the first few warm the JIT and the caches
          }
        }
        Arrays.sort(nanos);
        System.out.printf(
            "%-55s %8.1f %8.1f %8.1f%n",
            request,
            nanos[rounds / 2] / 1e6,
            nanos[(int) Math.min(rounds - 1, Math.ceil(rounds * 0.95) - 1)] / 1e6,
            nanos[rounds - 1] / 1e6);
      }
    }
  }

  /** One statement for the jobs, one for the history of the failed ones, then statistics. */
  private static void seed(HikariDataSource ds, int jobs) throws Exception {
    BenchDatabase.execute(
        ds,
        "INSERT INTO dbq_job (id, name, queue_name, state, priority, workspace, created, modified,"
            + " last_error, attempt) SELECT gen_random_uuid(), (ARRAY['import', 'report', 'mail',"
            + " 'sync'])[1 + i % 4], 'q' || (i % 3), (ARRAY['COMPLETE', 'COMPLETE', 'COMPLETE',"
            + " 'COMPLETE', 'COMPLETE', 'COMPLETE', 'READY', 'NEW', 'FAILED', 'CANCELLED'])[1 + i %"
            + " 10], (i % 3) - 1, jsonb_build_object('customer', i % 10000, 'file', 'f' || i ||"
            + " '.csv'), now() - make_interval(secs => i), now() - make_interval(secs => i / 2),"
            + " CASE WHEN i % 10 = 8 THEN 'source down' END, CASE WHEN i % 10 = 8 THEN 1 ELSE 0"
            + " END FROM generate_series(1, "
            + jobs
            + ") AS i");
    BenchDatabase.execute(
        ds,
        "INSERT INTO dbq_step_run (job_id, step_index, step_name, attempt, worker, started, ended,"
            + " outcome, error, stack_trace) SELECT id, 0, 'only', 1, 'bench', modified - interval"
            + " '1 second', modified, 'FAILED', last_error, 'java.lang.IllegalStateException:"
            + " source down' FROM dbq_job WHERE state = 'FAILED'");
    BenchDatabase.execute(ds, "VACUUM ANALYZE dbq_job");
    BenchDatabase.execute(ds, "VACUUM ANALYZE dbq_step_run");
  }
}
