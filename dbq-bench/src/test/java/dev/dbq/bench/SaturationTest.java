package dev.dbq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The saturation workload's own arithmetic and parsing: what it reads from {@code /proc}, {@code
 * pg_stat_activity} and {@code pg_waldump}, what travels from its worker processes, and its table.
 * The drains themselves run by hand ({@code BenchMain saturation}), as the other workloads do.
 */
class SaturationTest {

  @Test
  void theMachinesBusyShareLeavesOutIdleAndIowaitTicks() {
    CpuTicks.Machine before = CpuTicks.parseMachine("cpu  100 0 50 800 50 0 0 0 0 0");
    CpuTicks.Machine after = CpuTicks.parseMachine("cpu  160 0 80 860 100 0 0 0 0 0");

    // 90 busy ticks of 200
    assertEquals(45.0, after.busyPercentSince(before), 1e-9);
  }

  @Test
  void aProcessesCpuIsItsUserAndSystemTicksEvenWhenItsNameHoldsSpacesAndParentheses() {
    String stat = "4242 (post gres) (x)) S 1 2 3 0 -1 4194560 10 0 0 0 700 35 0 0 20 0 1 0 9 0 0";

    assertEquals(735, CpuTicks.parseProcess(stat));
  }

  @Test
  void aBusyBackendCountsByWhatItWaitsOn() {
    assertEquals(Activity.CPU, ActivitySampler.kind("active", null));
    assertEquals(Activity.LOCK, ActivitySampler.kind("active", "Lock"));
    assertEquals(Activity.LWLOCK, ActivitySampler.kind("active", "LWLock"));
    assertEquals(Activity.IO, ActivitySampler.kind("active", "IO"));
    assertEquals(Activity.CLIENT, ActivitySampler.kind("idle in transaction", "Client"));
    assertEquals(Activity.OTHER, ActivitySampler.kind("active", "IPC"));
  }

  @Test
  void activitySharesAreOfBusyBackendSamples() {
    Activity a =
        new Activity(
            10,
            Map.of(Activity.CPU, 5L, Activity.LWLOCK, 15L),
            Map.of("LWLock:WALWrite", 12L, "LWLock:WALInsert", 3L));

    assertEquals(2.0, a.meanBusy(), 1e-9);
    assertEquals(25.0, a.percent(Activity.CPU), 1e-9);
    assertEquals(0.0, a.percent(Activity.LOCK), 1e-9);
    assertEquals("LWLock:WALWrite 60%, LWLock:WALInsert 15%", a.topEvents(2));
  }

  @Test
  void claimTimesSurviveTheTripFromAWorkerProcess() {
    Histogram h = new Histogram(3);
    for (int i = 1; i <= 100; i++) {
      h.recordValue(i * 100L);
    }

    Histogram back = ClaimTimes.decode(ClaimTimes.encode(h));

    assertEquals(100, back.getTotalCount());
    assertEquals(h.getValueAtPercentile(99), back.getValueAtPercentile(99));
  }

  @Test
  void queueNamesSortAsTheirNumbers() {
    assertEquals(List.of("default"), Saturation.queueNames(1));
    List<String> thousand = Saturation.queueNames(1_000);
    assertEquals(1_000, thousand.size());
    assertEquals("q000", thousand.get(0));
    assertEquals("q999", thousand.get(999));
    assertEquals(thousand, thousand.stream().sorted().toList());
    assertThrows(IllegalArgumentException.class, () -> Saturation.queueNames(0));
  }

  @Test
  void theDatabasesWalIsItsBlocksRecordsAndItsTransactionsCommits() throws Exception {
    String dump =
        String.join(
            "\n",
            "rmgr: Heap        len (rec/tot):     54/    54, tx:      78276, lsn: 1/80000070,"
                + " prev 1/7FFFFFA0, desc: LOCK off 37, blkref #0: rel 1663/28674/31118 blk 1759",
            "rmgr: Heap        len (rec/tot):     60/  8252, tx:      78277, lsn: 1/800000A8,"
                + " prev 1/80000070, desc: UPDATE, blkref #0: rel 1663/16387/31118 blk 1800 FPW",
            "rmgr: Transaction len (rec/tot):     34/    34, tx:      78277, lsn: 1/80000150,"
                + " prev 1/800000A8, desc: COMMIT 2026-12-01 23:59:00",
            "rmgr: Transaction len (rec/tot):     34/    34, tx:      78276, lsn: 1/80000198,"
                + " prev 1/80000150, desc: COMMIT 2026-12-01 23:59:00",
            "rmgr: Heap2       len (rec/tot):     59/   100, tx:          0, lsn: 1/800001D8,"
                + " prev 1/80000198, desc: PRUNE, blkref #0: rel 1663/28674/31118 blk 3",
            "pg_waldump: error: error in WAL record at 1/80000240: invalid record length");

    long bytes = WalOfDatabase.sum(new BufferedReader(new StringReader(dump)), 28674);

    assertEquals(54 + 34 + 100, bytes);
  }

  @Test
  void walPositionsReadAndPrintAsPostgresqlWritesThem() throws Exception {
    long lsn = ServerCpu.parseLsn("1/7F10BFA0");

    assertEquals((1L << 32) + 0x7F10BFA0L, lsn);
    assertEquals("1/7F10BFA0", WalOfDatabase.lsn(lsn));
  }

  @Test
  void theFinishedJobsStatementsTakeTheirCountAsANumber() throws Exception {
    String sql = FinishedJobs.sql(1_000_000);

    assertTrue(sql.contains("generate_series(1, 1000000)"), sql);
    assertFalse(sql.contains(":jobs"), sql);
    assertThrows(IllegalArgumentException.class, () -> FinishedJobs.insert(null, 0));
  }

  @Test
  void everyLineOfTheTableHasTheHeadersColumns() {
    SaturationPoint point = new SaturationPoint("processes", 16, 1, 0);
    Histogram claims = new Histogram(3);
    claims.recordValue(2_000);
    SaturationResult measured =
        new SaturationResult(
            point,
            100_000,
            10.0,
            false,
            claims,
            1_600,
            new Activity(10, Map.of(Activity.CPU, 20L), Map.of()),
            100.0,
            10_000_000,
            5_000_000,
            200_000_000,
            150_000_000,
            null);
    SaturationResult skipped = SaturationResult.skipped(point, "needs 64 connections, 30 free");

    int columns = columns(SaturationResult.header().lines().findFirst().orElseThrow());
    String line = measured.format(2);

    assertEquals(columns, columns(line), line);
    assertEquals(columns, columns(skipped.format(2)), skipped.format(2));
    assertTrue(line.contains("| 10,000 |"), line); // jobs/s
    assertTrue(line.contains("| 75 % |"), line); // 15 s of CPU in 10 s of 2 cores
    assertTrue(line.contains("| 1,500 | 2,000 |"), line); // the database's and the server's WAL
  }

  private static int columns(String markdownLine) {
    return markdownLine.split("\\|", -1).length - 2;
  }
}
