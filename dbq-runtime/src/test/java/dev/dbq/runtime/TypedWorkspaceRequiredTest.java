package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job with a typed workspace never reaches its creation hook or a step without one (issue #10,
 * part 4): generated code gives no {@code enqueue} before {@code workspace(W)}; a hand-written
 * builder, {@code enqueueAll} and the command line are refused with one line naming the job and its
 * type, and nothing is written.
 */
class TypedWorkspaceRequiredTest {
  /** The typed workspace. */
  public record Order(String id) {}

  private static final AtomicInteger HOOK_CALLS = new AtomicInteger();

  private static final JobDefinition FULFIL_ORDER =
      JobDefinition.builder("fulfil_order")
          .queue("orders")
          .workspaceType(Order.class)
          .step("ship", Invocation::workspace)
          .creationHook(
              invocation -> {
                HOOK_CALLS.incrementAndGet();
                return invocation.workspace(Order.class);
              })
          .build();

  private static final String MESSAGE =
      "job 'fulfil_order' needs a workspace of type"
          + " dev.dbq.runtime.TypedWorkspaceRequiredTest.Order";

  /** What generated code writes for a typed job: settings first, enqueue only after workspace. */
  static final class FulfilOrderWithoutWorkspace
      extends JobBuilderWithoutWorkspace<FulfilOrderWithoutWorkspace, TestJobBuilder> {
    FulfilOrderWithoutWorkspace() {
      super(TestJobBuilder.of(FULFIL_ORDER));
    }

    TestJobBuilder workspace(Order order) {
      return builder().workspace(order);
    }
  }

  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  @Test
  void settingsMadeBeforeTheWorkspaceAreKept() {
    UUID id =
        new FulfilOrderWithoutWorkspace()
            .queue("urgent")
            .priority(7)
            .runAfter(Duration.ofHours(1))
            .workspace(new Order("o-1"))
            .enqueue(db.dbq);
    assertEquals(
        "fulfil_order|urgent|7|true|{\"id\": \"o-1\"}",
        db.sql.value(
            "SELECT name || '|' || queue_name || '|' || priority || '|' ||"
                + " (run_after > now() + interval '59 minutes') || '|' || workspace::text"
                + " FROM dbq_job WHERE id = '"
                + id
                + "'"));
  }

  @Test
  void aHandWrittenBuilderWithoutTheWorkspaceIsRefusedBeforeTheHook() {
    HOOK_CALLS.set(0);
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> TestJobBuilder.of(FULFIL_ORDER).enqueue(db.dbq));
    assertEquals(MESSAGE + "; call .workspace(...) before enqueue", refused.getMessage());
    assertEquals(0, HOOK_CALLS.get(), "the creation hook never sees a null workspace");
    assertEquals("0", db.sql.value("SELECT count(*) FROM dbq_job"));
  }

  @Test
  void aBatchWithOneJobWithoutItsWorkspaceWritesNothing() throws Exception {
    List<JobBuilder<?>> batch =
        List.of(
            TestJobBuilder.of(FULFIL_ORDER).workspace(new Order("o-1")),
            TestJobBuilder.of(FULFIL_ORDER));
    assertThrows(IllegalArgumentException.class, () -> db.dbq.enqueueAll(batch));
    try (Connection connection = db.dbq.dataSource().getConnection()) {
      assertThrows(
          IllegalArgumentException.class,
          () -> TestJobBuilder.of(FULFIL_ORDER).enqueue(connection));
    }
    assertEquals("0", db.sql.value("SELECT count(*) FROM dbq_job"));
  }

  @Test
  void createJobOfATypedJobWithoutWorkspaceExitsTwoWithOneLine() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        DbqCli.run(
            Map.of("DBQ_JDBC_URL", db.database.url()),
            () -> JobCatalog.of(FULFIL_ORDER),
            new PrintWriter(out),
            new PrintWriter(err),
            "create-job",
            "fulfil_order");
    assertEquals(DbqCli.BAD_INPUT, status);
    assertEquals("dbq create-job: " + MESSAGE + "; pass --workspace JSON\n", err.toString());
    assertFalse(err.toString().contains("Exception"));
    assertEquals("0", db.sql.value("SELECT count(*) FROM dbq_job"));
  }
}
