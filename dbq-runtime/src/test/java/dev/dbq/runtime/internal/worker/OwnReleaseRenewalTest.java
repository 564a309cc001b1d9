package dev.dbq.runtime.internal.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbq.runtime.Await;
import dev.dbq.runtime.DbqWorker;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.JobState;
import dev.dbq.runtime.MigratedDatabase;
import dev.dbq.runtime.TestJobBuilder;
import dev.dbq.runtime.internal.RuntimeLoggers;
import dev.dbq.runtime.internal.store.Claim;
import dev.dbq.runtime.internal.store.StepOutcome;
import dev.dbq.runtime.internal.store.StepRunOutcome;
import dev.dbq.runtime.internal.store.WorkerStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A renewal that meets a claim this worker itself just gave up (handed back at a shutdown, or saved
 * by the completion batcher) is no lost lease: no WARN, no {@code LeaseRenewalFailed}. The renewal
 * runs in the moment between the statement that gives the claim up and its removal from the held
 * claims (the seam {@link ClaimsHeld#beforeLetGo}), so the interleaving is the same on every run. A
 * lease lost to another worker is still reported.
 */
class OwnReleaseRenewalTest {
  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  private static final JobDefinition JOB =
      JobDefinition.builder("released").step("only", call -> null).build();
  private static final JobCatalog CATALOG = JobCatalog.of(JOB);

  private final List<String> renewalFailures = Collections.synchronizedList(new ArrayList<>());
  private final WorkerEvents events =
      new WorkerEvents() {
        @Override
        public void leaseRenewalFailed(int claims, String reason) {
          renewalFailures.add(claims + ": " + reason);
        }
      };
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger keeperLog = (Logger) RuntimeLoggers.of(LeaseKeeper.class);
  private HikariDataSource pool;
  private WorkerSettings settings;
  private WorkerStore store;
  private ClaimsHeld claims;
  private LeaseKeeper keeper;

  @BeforeEach
  void setUp() {
    logs.start();
    keeperLog.addAppender(logs);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.database.url());
    config.setMaximumPoolSize(2);
    pool = new HikariDataSource(config);
    settings = WorkerAccess.validate(DbqWorker.builder().dbq(db.dbq).catalog(CATALOG));
    store =
        new WorkerStore(pool, settings.workerId(), settings.lease(), CATALOG, /* history */ true);
    claims = new ClaimsHeld();
    // never started: its renewals are the test's own calls of tick(), at the moments it picks
    keeper = new LeaseKeeper(store, claims, settings.lease(), () -> {}, ids -> {}, events);
  }

  @AfterEach
  void tearDown() {
    keeperLog.detachAppender(logs);
    pool.close();
  }

  @Test
  void aRenewalWhileTheShutdownHandsBackUnstartedClaimsFindsNoLostLease() throws Exception {
    List<Claim> claimed = claim(3);
    Set<UUID> ids = claimIds(claimed);
    AtomicInteger renewals = renewWhenLetGo(ids);
    ExecutorService slots = SlotPool.create(settings.workerId(), 1);
    ShutdownSequence shutdown =
        new ShutdownSequence(
            settings, null, store, claims, slots, new HandBack(store, claims, CATALOG));

    shutdown.run();

    assertEquals(1, renewals.get(), "a renewal ran between the hand-back and the let-go");
    for (Claim c : claimed) {
      assertEquals(JobState.READY, db.dbq.findJob(c.id()).orElseThrow().state());
    }
    assertEquals(0, claims.heldCount());
    assertNoLostLease();
  }

  @Test
  void aRenewalWhileAStepsSaveCommitsFindsNoLostLease() throws Exception {
    Claim claim = claim(1).get(0);
    long started = startOnThisThread(claim);
    claims.slotDone(claim.claimId());
    AtomicInteger renewals = renewWhenLetGo(Set.of(claim.claimId()));
    CompletionBatcher batcher =
        new CompletionBatcher(
            store,
            claims,
            10,
            Duration.ofMillis(1),
            (batch, saved) -> batch.forEach(f -> claims.settled(f.claim().claimId())));
    batcher.start("own-release-save");
    try {
      batcher.add(
          new WorkerStore.Finished(
              claim,
              new StepOutcome.Succeeded(null, 1, JobState.COMPLETE),
              "only",
              started,
              System.nanoTime()),
          true);
      Await.until("the save settles", () -> claims.heldCount() == 0, Duration.ofSeconds(30));
    } finally {
      batcher.close(Duration.ofSeconds(10));
    }

    assertEquals(1, renewals.get(), "a renewal ran between the save and the let-go");
    assertEquals(JobState.COMPLETE, db.dbq.findJob(claim.id()).orElseThrow().state());
    assertNoLostLease();
  }

  @Test
  void aRenewalAfterALateStepWasHandedBackFindsNoLostLease() throws Exception {
    Claim claim = claim(1).get(0);
    startOnThisThread(claim);
    HandBack handBack = new HandBack(store, claims, CATALOG);

    // the grace period ran out: the shutdown hands the running step back, which may never return
    handBack.of(Set.of(claim.claimId()), "grace period over", StepRunOutcome.STOPPED);
    keeper.tick();

    assertEquals(JobState.READY, db.dbq.findJob(claim.id()).orElseThrow().state());
    assertNoLostLease();
  }

  @Test
  void aLeaseTakenByAnotherWorkerIsStillReportedLost() throws Exception {
    Claim claim = claim(1).get(0);
    startOnThisThread(claim);
    // another worker's rescue took the job and claimed it again
    db.sql.execute(
        "UPDATE dbq_job SET claim_id = gen_random_uuid(), lock_owner = 'other' WHERE id = '"
            + claim.id()
            + "'");

    keeper.tick();

    assertEquals(1, renewalFailures.size(), String.valueOf(renewalFailures));
    assertTrue(renewalFailures.get(0).startsWith("1: lease lapsed"), renewalFailures.get(0));
    assertEquals(1, lostLines().size(), String.valueOf(lostLines()));
    assertTrue(lostLines().get(0).contains(claim.claimId().toString()), lostLines().get(0));
  }

  private List<Claim> claim(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      TestJobBuilder.of(JOB).enqueue(db.dbq);
    }
    List<Claim> claimed = store.claim(settings.queues(), List.of(JOB.name()), n);
    assertEquals(n, claimed.size());
    claimed.forEach(claims::claimed);
    return claimed;
  }

  /** The claim's step runs (on this thread, for the shutdown's stack reading). */
  private long startOnThisThread(Claim claim) {
    assertTrue(claims.takeToStart(claim.claimId()));
    return claims.started(claim.claimId(), Thread.currentThread());
  }

  /** Runs one renewal when these claims are about to stop being held. */
  private AtomicInteger renewWhenLetGo(Set<UUID> ids) {
    AtomicInteger renewals = new AtomicInteger();
    claims.beforeLetGo(
        letGo -> {
          if (letGo.stream().anyMatch(ids::contains) && renewals.getAndIncrement() == 0) {
            keeper.tick();
          }
        });
    return renewals;
  }

  private static Set<UUID> claimIds(List<Claim> claimed) {
    return claimed.stream().map(Claim::claimId).collect(Collectors.toSet());
  }

  private List<String> lostLines() {
    return logs.list.stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.contains("was lost"))
        .toList();
  }

  private void assertNoLostLease() {
    assertEquals(List.of(), renewalFailures, "no LeaseRenewalFailed event");
    assertEquals(List.of(), lostLines(), "no WARN of a lost lease");
  }
}
