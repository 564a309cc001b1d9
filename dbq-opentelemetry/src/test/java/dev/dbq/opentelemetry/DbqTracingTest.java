package dev.dbq.opentelemetry;

import static dev.dbq.opentelemetry.TestJobs.BROKEN;
import static dev.dbq.opentelemetry.TestJobs.CATALOG;
import static dev.dbq.opentelemetry.TestJobs.FLAKY;
import static dev.dbq.opentelemetry.TestJobs.NESTED;
import static dev.dbq.opentelemetry.TestJobs.TWO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.DbqException;
import dev.dbq.runtime.DbqWorker;
import dev.dbq.runtime.JobState;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link DbqTracing} against a real worker and PostgreSQL, read from the OpenTelemetry SDK's
 * in-memory exporter: one send span per job, one process span per step run linked to it, outcomes
 * and attributes as documented.
 */
class DbqTracingTest {
  private static final AttributeKey<String> MESSAGE_ID =
      AttributeKey.stringKey("messaging.message.id");
  private static final AttributeKey<String> STEP_RESULT = AttributeKey.stringKey("dbq.step.result");

  @RegisterExtension static final TracingDatabase db = new TracingDatabase();
  @RegisterExtension static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

  private DbqTracing tracing;

  private DbqTracing installed() {
    tracing = DbqTracing.create(otel.getOpenTelemetry());
    tracing.install(db.dbq());
    return tracing;
  }

  @AfterEach
  void uninstall() {
    if (tracing != null) {
      db.dbq().removeEnqueueInterceptor(tracing);
    }
    Dbq.setDefault(null);
    TestJobs.stepTracer = OpenTelemetry.noop().getTracer("test");
  }

  private Tracer testTracer() {
    return otel.getOpenTelemetry().getTracer("test");
  }

  private DbqWorker worker(DbqTracing listener) {
    return DbqWorker.builder()
        .dbq(db.dbq())
        .catalog(CATALOG)
        .concurrency(2)
        .listener(listener)
        .build();
  }

  private List<SpanData> spans(SpanKind kind) {
    return otel.getSpans().stream().filter(s -> s.getKind() == kind).toList();
  }

  private static String id(SpanData span) {
    return span.getAttributes().get(MESSAGE_ID);
  }

  @Test
  void eachJobHasASendSpanAndEachStepRunAProcessSpanLinkedToIt() throws Exception {
    DbqTracing tracing = installed();
    Span request = testTracer().spanBuilder("request").startSpan();
    List<UUID> ids;
    Scope current = request.makeCurrent();
    try {
      ids =
          db.dbq()
              .enqueueAll(
                  List.of(
                      new Job(TWO), new Job(TWO), new Job(TWO), new Job(BROKEN), new Job(FLAKY)));
    } finally {
      current.close();
      request.end();
    }

    assertEquals(8, worker(tracing).runUntilEmpty(), "3 x 2 steps, broken once, flaky once");

    List<SpanData> sends = spans(SpanKind.PRODUCER);
    assertEquals(5, sends.size(), "one per job");
    Map<String, SpanData> sendOf =
        sends.stream().collect(Collectors.toMap(DbqTracingTest::id, s -> s));
    for (UUID job : ids) {
      SpanData send = sendOf.get(job.toString());
      assertEquals("send default", send.getName());
      assertEquals(request.getSpanContext().getSpanId(), send.getParentSpanId(), "a child");
      assertEquals(request.getSpanContext().getTraceId(), send.getTraceId());
      assertEquals("dbq", send.getAttributes().get(AttributeKey.stringKey("messaging.system")));
      assertEquals(
          "default",
          send.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")));
      assertEquals(
          "send", send.getAttributes().get(AttributeKey.stringKey("messaging.operation.type")));
      assertEquals(
          false, send.getAttributes().get(AttributeKey.booleanKey("dbq.enqueue.in_transaction")));
      assertEquals(StatusCode.UNSET, send.getStatus().getStatusCode());
      assertEquals(
          "00-"
              + send.getTraceId()
              + "-"
              + send.getSpanId()
              + "-"
              + send.getSpanContext().getTraceFlags().asHex(),
          db.storedField(job, "traceparent"),
          "the send span's context is stored with the job");
    }

    List<SpanData> processes = spans(SpanKind.CONSUMER);
    assertEquals(8, processes.size(), "one per step run");
    Map<String, Long> runsPerJob =
        processes.stream()
            .collect(Collectors.groupingBy(DbqTracingTest::id, Collectors.counting()));
    assertEquals(
        Map.of(
            ids.get(0).toString(), 2L,
            ids.get(1).toString(), 2L,
            ids.get(2).toString(), 2L,
            ids.get(3).toString(), 1L,
            ids.get(4).toString(), 1L),
        runsPerJob);
    for (SpanData process : processes) {
      SpanData send = sendOf.get(id(process));
      assertEquals("process default", process.getName());
      assertEquals(1, process.getLinks().size(), process.toString());
      SpanContext linked = process.getLinks().get(0).getSpanContext();
      assertEquals(send.getTraceId(), linked.getTraceId(), "linked to its job's send span");
      assertEquals(send.getSpanId(), linked.getSpanId());
      assertFalse(process.getParentSpanContext().isValid(), "a link, not a parent");
      assertNotEquals(send.getTraceId(), process.getTraceId(), "a trace of its own");
      assertEquals(
          "process",
          process.getAttributes().get(AttributeKey.stringKey("messaging.operation.type")));
      assertEquals(
          send.getAttributes().get(AttributeKey.stringKey("dbq.job.name")),
          process.getAttributes().get(AttributeKey.stringKey("dbq.job.name")));
      assertEquals(1L, process.getAttributes().get(AttributeKey.longKey("dbq.attempt")));
    }

    List<SpanData> twoSteps =
        processes.stream().filter(p -> id(p).equals(ids.get(0).toString())).toList();
    assertEquals(
        List.of("a:0", "b:1"),
        twoSteps.stream()
            .map(
                p ->
                    p.getAttributes().get(AttributeKey.stringKey("dbq.step.name"))
                        + ":"
                        + p.getAttributes().get(AttributeKey.longKey("dbq.step.index")))
            .sorted()
            .toList());
    for (SpanData ok : twoSteps) {
      assertEquals(StatusCode.UNSET, ok.getStatus().getStatusCode());
      assertEquals("succeeded", ok.getAttributes().get(STEP_RESULT));
    }
  }

  @Test
  void aFailingStepsProcessSpanHasStatusErrorWithItsMessage() throws Exception {
    DbqTracing tracing = installed();
    UUID broken = new Job(BROKEN).enqueue(db.dbq());
    UUID flaky = new Job(FLAKY).enqueue(db.dbq());

    assertEquals(2, worker(tracing).runUntilEmpty());

    Map<String, SpanData> byJob =
        spans(SpanKind.CONSUMER).stream()
            .collect(Collectors.toMap(DbqTracingTest::id, Function.identity()));
    SpanData failed = byJob.get(broken.toString());
    assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
    assertEquals("boom", failed.getStatus().getDescription());
    assertEquals("failed", failed.getAttributes().get(STEP_RESULT));
    assertEquals("exception", failed.getEvents().get(0).getName());
    assertEquals(
        "boom",
        failed.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.message")));
    SpanData retrying = byJob.get(flaky.toString());
    assertEquals(StatusCode.ERROR, retrying.getStatus().getStatusCode());
    assertEquals("not yet", retrying.getStatus().getDescription());
    assertEquals("retrying", retrying.getAttributes().get(STEP_RESULT));
    assertEquals(JobState.FAILED, db.dbq().findJob(broken).orElseThrow().state());
  }

  @Test
  void aSpanOpenedInsideAStepIsAChildOfItsProcessSpan() throws Exception {
    DbqTracing tracing = installed();
    TestJobs.stepTracer = testTracer();
    new Job(NESTED).enqueue(db.dbq());

    assertEquals(1, worker(tracing).runUntilEmpty());

    SpanData process = spans(SpanKind.CONSUMER).get(0);
    SpanData inside =
        otel.getSpans().stream()
            .filter(s -> s.getName().equals("inside the step"))
            .findFirst()
            .orElseThrow();
    assertEquals(process.getSpanId(), inside.getParentSpanId());
    assertEquals(process.getTraceId(), inside.getTraceId());
  }

  @Test
  void anEnqueueInTheCallersTransactionIsTracedByTheDefaultDbq() throws Exception {
    DbqTracing tracing = installed();
    Dbq.setDefault(db.dbq());
    UUID id;
    try (Connection c = DriverManager.getConnection(db.url())) {
      c.setAutoCommit(false);
      id = new Job(TWO).enqueue(c);
      c.commit();
    }

    assertEquals(2, worker(tracing).runUntilEmpty());

    SpanData send = spans(SpanKind.PRODUCER).get(0);
    assertEquals(id.toString(), id(send));
    assertEquals(
        true, send.getAttributes().get(AttributeKey.booleanKey("dbq.enqueue.in_transaction")));
    for (SpanData process : spans(SpanKind.CONSUMER)) {
      assertEquals(send.getSpanId(), process.getLinks().get(0).getSpanContext().getSpanId());
    }
  }

  @Test
  void aRefusedInsertEndsItsSendSpanWithStatusError() throws Exception {
    installed();
    Dbq.setDefault(db.dbq());
    try (Connection c = DriverManager.getConnection(db.url())) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        // an aborted transaction refuses every later statement
        assertThrows(SQLException.class, () -> s.execute("SELECT 1 / 0"));
      }
      assertThrows(DbqException.class, () -> new Job(TWO).enqueue(c));
      c.rollback();
    }

    List<SpanData> sends = spans(SpanKind.PRODUCER);
    assertEquals(1, sends.size());
    assertEquals(StatusCode.ERROR, sends.get(0).getStatus().getStatusCode());
    assertEquals("exception", sends.get(0).getEvents().get(0).getName());
  }

  @Test
  void withoutTracingInstalledNothingIsStoredAndStepsRunUnlinked() throws Exception {
    UUID plain = new Job(TWO).enqueue(db.dbq());
    DbqTracing noop = DbqTracing.create(OpenTelemetry.noop());
    noop.install(db.dbq());
    UUID overNoop;
    try {
      overNoop = new Job(TWO).enqueue(db.dbq());
    } finally {
      db.dbq().removeEnqueueInterceptor(noop);
    }

    assertNull(db.storedField(plain, "traceparent"));
    assertEquals(0, db.traced(), "neither job has a trace context: the column stays NULL");
    // a worker with tracing runs jobs enqueued without it: its spans have no link
    assertEquals(4, worker(DbqTracing.create(otel.getOpenTelemetry())).runUntilEmpty());
    assertEquals(JobState.COMPLETE, db.dbq().findJob(plain).orElseThrow().state());
    assertEquals(JobState.COMPLETE, db.dbq().findJob(overNoop).orElseThrow().state());
    List<SpanData> processes = spans(SpanKind.CONSUMER);
    assertEquals(4, processes.size());
    assertTrue(processes.stream().allMatch(p -> p.getLinks().isEmpty()), processes.toString());
    assertEquals(List.of(), spans(SpanKind.PRODUCER));
  }
}
