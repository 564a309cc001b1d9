package dev.dbq.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbq.opentelemetry.DbqTracing;
import dev.dbq.spring.autoconfigure.jobs.Jobs;
import dev.dbq.spring.autoconfigure.tracing.DbqTracingAutoConfiguration;
import dev.dbq.testsupport.Await;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * dbq's spans are wired when the application has an {@link OpenTelemetry} bean, and only then: an
 * enqueue has a {@code send} span, and each step the worker runs a {@code process} span linked to
 * it; {@code dbq.tracing.enabled=false} turns them off.
 */
class DbqTracingAutoConfigurationTest {
  private static final AttributeKey<String> MESSAGE_ID =
      AttributeKey.stringKey("messaging.message.id");
  private static final AttributeKey<String> STEP = AttributeKey.stringKey("dbq.step.name");
  private static final AttributeKey<Boolean> IN_TRANSACTION =
      AttributeKey.booleanKey("dbq.enqueue.in_transaction");

  @RegisterExtension static final TestDatabases databases = new TestDatabases();

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                  .build())
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();

  @AfterEach
  void closeTheSdk() {
    sdk.close();
  }

  private ApplicationContextRunner traced() {
    return Runners.onDatabase(databases.create())
        .withConfiguration(AutoConfigurations.of(DbqTracingAutoConfiguration.class))
        .withBean(OpenTelemetry.class, () -> sdk);
  }

  private List<SpanData> spans(SpanKind kind, UUID job) {
    return exporter.getFinishedSpanItems().stream()
        .filter(
            s -> s.getKind() == kind && job.toString().equals(s.getAttributes().get(MESSAGE_ID)))
        .toList();
  }

  @Test
  void anEnqueueHasASendSpanAndEachStepTheWorkerRunsAProcessSpanLinkedToIt() {
    traced()
        .withPropertyValues("dbq.worker.enabled=true", "dbq.worker.poll-interval=1")
        .run(
            context -> {
              assertThat(context).hasSingleBean(DbqTracing.class);

              UUID id = Jobs.greet().enqueue();

              Await.until(
                  "a process span for each of the job's two steps",
                  () -> spans(SpanKind.CONSUMER, id).size() == 2,
                  Duration.ofSeconds(30));
              List<SpanData> sends = spans(SpanKind.PRODUCER, id);
              assertThat(sends).hasSize(1);
              SpanData send = sends.get(0);
              assertThat(send.getName()).isEqualTo("send greetings");
              List<SpanData> processes = spans(SpanKind.CONSUMER, id);
              assertThat(processes)
                  .extracting(p -> p.getAttributes().get(STEP))
                  .containsExactlyInAnyOrder("compose", "send");
              for (SpanData process : processes) {
                assertThat(process.getName()).isEqualTo("process greetings");
                assertThat(process.getLinks()).hasSize(1);
                // the link is to the context read back from the job's row
                SpanContext linked = process.getLinks().get(0).getSpanContext();
                assertThat(linked.getTraceId())
                    .as("linked to the job's send span")
                    .isEqualTo(send.getTraceId());
                assertThat(linked.getSpanId()).isEqualTo(send.getSpanId());
                assertThat(process.getTraceId())
                    .as("a trace of its own")
                    .isNotEqualTo(send.getTraceId());
              }
            });
  }

  @Test
  void anEnqueueInASpringTransactionIsTracedAsInTheTransaction() {
    traced()
        .run(
            context -> {
              UUID id =
                  context.getBean(TransactionTemplate.class).execute(t -> Jobs.greet().enqueue());

              List<SpanData> sends = spans(SpanKind.PRODUCER, id);
              assertThat(sends).hasSize(1);
              assertThat(sends.get(0).getAttributes().get(IN_TRANSACTION)).isTrue();
            });
  }

  @Test
  void theApplicationsOwnTracingBeanIsTheOneInstalled() {
    DbqTracing own = DbqTracing.create(sdk);
    traced()
        .withBean(DbqTracing.class, () -> own)
        .run(
            context -> {
              assertThat(context).getBean(DbqTracing.class).isSameAs(own);

              UUID id = Jobs.greet().enqueue();

              assertThat(spans(SpanKind.PRODUCER, id)).hasSize(1);
            });
  }

  @Test
  void withoutAnOpenTelemetryBeanThereIsNoTracing() {
    Runners.onDatabase(databases.create())
        .withConfiguration(AutoConfigurations.of(DbqTracingAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(DbqTracing.class));
  }

  @Test
  void withTracingDisabledThereIsNoTracingAndAnEnqueueMakesNoSpan() {
    traced()
        .withPropertyValues("dbq.tracing.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(DbqTracing.class);

              UUID id = Jobs.greet().enqueue();

              assertThat(spans(SpanKind.PRODUCER, id)).isEmpty();
            });
  }
}
