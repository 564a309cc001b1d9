package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.internal.WorkspaceCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Workspaces are stored exactly as given or refused: no number rounded, no trailing text dropped,
 * no character replaced, nothing turned into {@code {}}; through the command line (exit 2, one
 * line, nothing written) and through the API (a {@link WorkspaceException}) alike.
 */
class WorkspaceStrictnessTest {
  /** A typed workspace with a double, which binds as its type says. */
  public record Measure(double value) {}

  private static final JobDefinition UNTYPED =
      JobDefinition.builder("touch_one")
          .step(
              "touch",
              call -> {
                call.context().workspace().put("touched", true);
                return null;
              })
          .build();
  private static final JobDefinition TYPED =
      JobDefinition.builder("measure")
          .workspaceType(Measure.class)
          .step("keep", Invocation::workspace)
          .build();
  private static final JobCatalog CATALOG = JobCatalog.of(UNTYPED, TYPED);

  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  private static CliRun cli(String... args) {
    return CliRun.of(Map.of("DBQ_JDBC_URL", db.database.url()), CATALOG, args);
  }

  static Stream<Arguments> refusedWorkspaces() {
    return Stream.of(
        Arguments.of("trailing object", "{\"a\":1}{\"b\":2}", "has more after its JSON object"),
        Arguments.of("trailing garbage", "{\"a\":1} x", "is not valid JSON"),
        Arguments.of("json null", "null", "must be a JSON object, was null"),
        Arguments.of("empty", "", "workspace is empty"),
        Arguments.of("blank", "  \t ", "workspace is blank"),
        Arguments.of("an array", "[1]", "must be a JSON object, was an array"),
        Arguments.of("a number", "42", "must be a JSON object, was a number"),
        Arguments.of("lone high surrogate", "{\"a\":\"x\\ud800y\"}", "lone UTF-16 surrogate"),
        Arguments.of("lone low surrogate", "{\"a\":\"\\udc00\"}", "lone UTF-16 surrogate"),
        Arguments.of("lone surrogate in a key", "{\"\\ud800\":1}", "in the key"),
        Arguments.of("NUL in a string", "{\"a\":\"x\\u0000y\"}", "NUL character"),
        Arguments.of("NUL in a key", "{\"a\\u0000\":1}", "NUL character"),
        Arguments.of("NUL deep inside", "{\"a\":[{\"b\":\"\\u0000\"}]}", "at '/a/0/b'"),
        Arguments.of("duplicate key", "{\"a\":1,\"a\":2}", "Duplicate field 'a'"),
        Arguments.of("NaN token", "{\"a\":NaN}", "is not valid JSON"),
        Arguments.of("number over numeric's range", "{\"a\":1e131072}", "outside what"),
        Arguments.of("number under numeric's scale", "{\"a\":1e-16384}", "outside what"),
        Arguments.of(
            "nested deeper than 1000",
            "{\"a\":".repeat(1001) + "1" + "}".repeat(1001),
            "nesting depth"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedWorkspaces")
  void createJobRefusesTheWorkspaceWithOneLineAndWritesNothing(
      String fault, String workspace, String reason) {
    CliRun run = cli("create-job", "touch_one", "--workspace", workspace).assertBadInput();

    assertTrue(run.err().startsWith("dbq create-job: --workspace: workspace "), run.err());
    assertTrue(run.err().contains(reason), run.err());
    assertEquals(0, db.sql.count("SELECT count(*) FROM dbq_job"));
  }

  @Test
  void createJobRefusesJsonNullForATypedJobToo() {
    CliRun run = cli("create-job", "measure", "--workspace", "null").assertBadInput();

    assertTrue(run.err().contains("must be a JSON object, was null"), run.err());
    assertEquals(0, db.sql.count("SELECT count(*) FROM dbq_job"));
  }

  @Test
  void aTypedDoubleThatOverflowsToInfinityIsRefusedNotStoredAsTheStringInfinity() {
    CliRun run = cli("create-job", "measure", "--workspace", "{\"value\":1e400}").assertBadInput();

    assertTrue(run.err().contains("holds the number Infinity at '/value'"), run.err());
    assertEquals(0, db.sql.count("SELECT count(*) FROM dbq_job"));
  }

  @Test
  void createJobStoresHugeAndTinyNumbersOfAnUntypedWorkspaceExactly() {
    CliRun run =
        cli(
            "create-job",
            "touch_one",
            "--workspace",
            "{\"big\":1e400,\"tiny\":1e-400,\"scaled\":1.50,\"long\":12345678901234567890123}");

    assertEquals(0, run.status(), run.err());
    assertEquals(
        "t",
        db.sql.value(
            "SELECT workspace = '{\"big\":1e400,\"tiny\":1e-400,\"scaled\":1.50,"
                + "\"long\":12345678901234567890123}'::jsonb"
                + " AND workspace->>'scaled' = '1.50' FROM dbq_job"));
  }

  /** Numbers as jsonb stores them; every one must come back from a step digit for digit. */
  private static final List<String> EXACT_NUMBERS =
      List.of(
          "0.1000000000000000055511151231257827",
          "1e-400",
          "12345678901234567890.123456789",
          "12345678901234567890",
          "-0.0",
          "1.50",
          "9007199254740993",
          "1e131071");

  @Test
  void aStepThatTouchesOneFieldLeavesEveryNumberOfAnUntypedWorkspaceDigitForDigit()
      throws Exception {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < EXACT_NUMBERS.size(); i++) {
      json.append(i == 0 ? "" : ",").append("\"n").append(i).append("\":");
      json.append(EXACT_NUMBERS.get(i));
    }
    json.append('}');
    UUID id = UUID.randomUUID();
    db.sql.execute(
        "INSERT INTO dbq_job (id, name, queue_name, workspace) VALUES ('"
            + id
            + "', 'touch_one', 'default', '"
            + json
            + "')");
    String before =
        db.sql.value("SELECT (workspace - 'touched')::text FROM dbq_job WHERE id = '" + id + "'");

    DbqWorker.builder().dbq(db.dbq).catalog(CATALOG).build().runUntilEmpty();

    assertEquals(
        "COMPLETE|true|" + before,
        db.sql.value(
            "SELECT state || '|' || (workspace->>'touched') || '|' || (workspace - 'touched')::text"
                + " FROM dbq_job WHERE id = '"
                + id
                + "'"));
  }

  @Test
  void anUntypedWorkspaceHoldsFractionsAsExactBigDecimalsAndIntegersByTheirSize() {
    Map<String, Object> map =
        WorkspaceCodec.toMap(
            "{\"f\":0.1000000000000000055511151231257827,\"i\":1,\"l\":5000000000,"
                + "\"b\":12345678901234567890}");

    assertEquals(new BigDecimal("0.1000000000000000055511151231257827"), map.get("f"));
    assertEquals(1, map.get("i"));
    assertEquals(5_000_000_000L, map.get("l"));
    assertEquals(new BigInteger("12345678901234567890"), map.get("b"));
  }

  static Stream<Arguments> refusedApiValues() {
    return Stream.of(
        Arguments.of("NaN", Double.NaN, "holds the number NaN at '/v'"),
        Arguments.of("Infinity", Double.POSITIVE_INFINITY, "holds the number Infinity"),
        Arguments.of("float NaN", Float.NaN, "holds the number NaN"),
        Arguments.of("NUL", "a\0b", "NUL character"),
        Arguments.of("lone surrogate", "\ud800", "lone UTF-16 surrogate"),
        Arguments.of("out of numeric's range", new BigDecimal("1e131072"), "outside what"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedApiValues")
  void theApiRefusesTheSameValuesAndInsertsNothing(String fault, Object value, String reason) {
    Map<String, Object> workspace = new LinkedHashMap<>();
    workspace.put("v", value);

    WorkspaceException e =
        assertThrows(
            WorkspaceException.class,
            () -> TestJobBuilder.of(UNTYPED).workspace(workspace).enqueue(db.dbq));

    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertEquals(0, db.sql.count("SELECT count(*) FROM dbq_job"));
  }

  @Test
  void aStepLeavingANulInTheWorkspaceFailsItsJobWithTheReasonAndTheWorkspaceIsKept()
      throws Exception {
    JobDefinition nul =
        JobDefinition.builder("nul")
            .step(
                "write",
                call -> {
                  call.context().workspace().put("bad", "\0");
                  return null;
                })
            .build();
    UUID id = TestJobBuilder.of(nul).workspace(Map.of("kept", 1)).enqueue(db.dbq);

    DbqWorker.builder().dbq(db.dbq).catalog(JobCatalog.of(nul)).build().runUntilEmpty();

    assertEquals(
        "FAILED|{\"kept\": 1}",
        db.sql.value(
            "SELECT state || '|' || workspace::text FROM dbq_job WHERE id = '" + id + "'"));
    assertTrue(
        db.sql
            .value("SELECT last_error FROM dbq_job WHERE id = '" + id + "'")
            .contains("NUL character"));
  }
}
