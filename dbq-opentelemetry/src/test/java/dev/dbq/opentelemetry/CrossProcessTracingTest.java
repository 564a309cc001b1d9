package dev.dbq.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link across processes: jobs enqueued here, with this JVM's tracer, run in a worker process
 * with an SDK of its own ({@link TracedWorkerMain}); each of its process spans links to the send
 * span this JVM exported for the job, through the trace context stored in the job's row alone.
 */
class CrossProcessTracingTest {
  private static final Duration BOUND = Duration.ofSeconds(60);

  @RegisterExtension static final TracingDatabase db = new TracingDatabase();
  @RegisterExtension static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

  @TempDir Path dir;

  private DbqTracing tracing;

  @AfterEach
  void uninstall() {
    if (tracing != null) {
      db.dbq().removeEnqueueInterceptor(tracing);
    }
  }

  @Test
  void processSpansInAnotherProcessLinkToTheSendSpansOfThisOne() throws Exception {
    tracing = DbqTracing.create(otel.getOpenTelemetry());
    tracing.install(db.dbq());
    List<UUID> ids =
        db.dbq()
            .enqueueAll(
                List.of(new Job(TestJobs.TWO), new Job(TestJobs.BROKEN), new Job(TestJobs.NESTED)));
    Map<String, SpanData> sendOf =
        otel.getSpans().stream()
            .filter(s -> s.getKind() == SpanKind.PRODUCER)
            .collect(
                Collectors.toMap(
                    s -> s.getAttributes().get(AttributeKey.stringKey("messaging.message.id")),
                    s -> s));
    assertEquals(3, sendOf.size());

    Path spans = dir.resolve("spans.tsv");
    Path log = dir.resolve("worker.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TracedWorkerMain.class.getName());
    command.add(spans.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("DBQ_JDBC_URL", db.url());
    Process worker = builder.start();
    try {
      assertTrue(worker.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS), "worker ran too long");
    } finally {
      worker.destroyForcibly();
    }
    String output = Files.readString(log);
    assertEquals(0, worker.exitValue(), output);
    assertTrue(output.contains("ran 4 steps"), output);

    List<SpanLines.Line> exported = SpanLines.read(spans);
    List<SpanLines.Line> processes =
        exported.stream().filter(l -> l.kind().equals("CONSUMER")).toList();
    assertEquals(4, processes.size(), "two + broken + nested: " + exported);
    for (SpanLines.Line process : processes) {
      SpanData send = sendOf.get(process.jobId());
      assertEquals("process default", process.name());
      assertEquals(send.getTraceId(), process.linkTraceId(), "linked to " + send);
      assertEquals(send.getSpanId(), process.linkSpanId(), "linked to " + send);
    }
    assertEquals(
        Map.of(ids.get(0).toString(), 2L, ids.get(1).toString(), 1L, ids.get(2).toString(), 1L),
        processes.stream()
            .collect(Collectors.groupingBy(SpanLines.Line::jobId, Collectors.counting())));
    SpanLines.Line broken =
        processes.stream().filter(p -> p.jobId().equals(ids.get(1).toString())).findFirst().get();
    assertEquals("ERROR", broken.status());
    SpanLines.Line nested =
        processes.stream().filter(p -> p.jobId().equals(ids.get(2).toString())).findFirst().get();
    SpanLines.Line inside =
        exported.stream().filter(l -> l.name().equals("inside the step")).findFirst().get();
    assertEquals(nested.spanId(), inside.parentSpanId(), "the step's own span is a child");
  }
}
