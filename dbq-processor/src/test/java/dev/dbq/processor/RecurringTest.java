package dev.dbq.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.dbq.processor.testing.Compilations;
import dev.dbq.processor.testing.CompiledClasses;
import dev.dbq.processor.validation.Message;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.RecurringSchedule;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * {@code @Recurring}: a malformed cron, a field out of range, an unknown zone, a workspace that is
 * no JSON object and a bad backfill are compile errors on the value's line; valid schedules reach
 * the runtime's definition as declared.
 */
class RecurringTest {
  private static final String IMPORTS =
      "import dev.dbq.annotation.*; import dev.dbq.runtime.JobContext;";

  /** A method job per schedule, each on its own line (so errors are told apart by line). */
  private static JavaFileObject jobsWith(String className, List<String> recurring) {
    String[] body = new String[recurring.size() + 2];
    body[0] = "class " + className + " {";
    for (int i = 0; i < recurring.size(); i++) {
      body[i + 1] =
          "  @Job(name = \"job"
              + i
              + "\") @Recurring("
              + recurring.get(i)
              + ") static void run"
              + i
              + "(JobContext job) {}";
    }
    body[body.length - 1] = "}";
    return TestSources.source(IMPORTS, className, body);
  }

  private static void assertEachRefused(List<String> recurring, List<String> messages) {
    JavaFileObject source = jobsWith("Schedules", recurring);
    Compilation compilation = Compilations.compile(source);
    for (int i = 0; i < recurring.size(); i++) {
      assertThat(compilation)
          .hadErrorContaining(messages.get(i))
          .inFile(source)
          .onLineContaining("static void run" + i + "(");
    }
    assertThat(compilation).hadErrorCount(recurring.size());
    TestSources.assertNoProcessorFailure(compilation);
  }

  private static String cron(String cron, int job, String problem) {
    return Message.INVALID_CRON.format(cron, "job" + job, problem);
  }

  @Test
  void aMalformedCronIsAnErrorNamingTheFieldItsValueAndTheAllowedRange() {
    assertEachRefused(
        List.of(
            "cron = \"61 * * * *\"",
            "cron = \"0 24 * * *\"",
            "cron = \"0 0 32 * *\"",
            "cron = \"0 0 * 13 *\"",
            "cron = \"0 0 * * 8\"",
            "cron = \"60 0 0 * * *\"",
            "cron = \"0 3 * *\"",
            "cron = \"0 3 * * * * *\"",
            "cron = \"@fortnightly\"",
            "cron = \"0 0 * JANUARY *\"",
            "cron = \"*/0 * * * *\"",
            "cron = \"0 0 30 2 *\""),
        List.of(
            cron("61 * * * *", 0, "cron field minute '61' has value 61, allowed 0-59"),
            cron("0 24 * * *", 1, "cron field hour '24' has value 24, allowed 0-23"),
            cron("0 0 32 * *", 2, "cron field day-of-month '32' has value 32, allowed 1-31"),
            cron("0 0 * 13 *", 3, "cron field month '13' has value 13, allowed 1-12 or JAN-DEC"),
            cron("0 0 * * 8", 4, "cron field day-of-week '8' has value 8, allowed 0-7 or SUN-SAT"),
            cron("60 0 0 * * *", 5, "cron field second '60' has value 60, allowed 0-59"),
            cron("0 3 * *", 6, "cron expression '0 3 * *' has 4 fields; expected 5"),
            cron("0 3 * * * * *", 7, "cron expression '0 3 * * * * *' has 7 fields; expected 5"),
            cron("@fortnightly", 8, "cron nickname '@fortnightly' is unknown"),
            cron(
                "0 0 * JANUARY *",
                9,
                "cron field month 'JANUARY' has value 'JANUARY', allowed 1-12 or JAN-DEC"),
            cron("*/0 * * * *", 10, "cron field minute '*/0' has step 0, allowed 1-59"),
            cron("0 0 30 2 *", 11, "cron field day-of-month '30' names no day that month '2'")));
  }

  @Test
  void anUnknownZoneIsAnErrorWithTheClosestKnownZone() {
    assertEachRefused(
        List.of(
            "cron = \"@daily\", zone = \"Europe/Berln\"",
            "cron = \"@daily\", zone = \"Mars/Olympus\""),
        List.of(
            Message.UNKNOWN_ZONE.format(
                "Europe/Berln", "job0", Message.didYouMean("Europe/Berlin")),
            Message.UNKNOWN_ZONE.format("Mars/Olympus", "job1", "")));
  }

  @Test
  void theCronErrorPointsAtTheCronValue() {
    JavaFileObject source = jobsWith("PointsAtValue", List.of("cron = \"0 25 * * *\""));
    Compilation compilation = Compilations.compile(source);
    // line 4: "  @Job(name = \"job0\") @Recurring(cron = \"0 25 * * *\") ...", value at column 41
    assertThat(compilation)
        .hadErrorContaining("cron field hour '25'")
        .inFile(source)
        .onLine(4)
        .atColumn(41);
  }

  @Test
  void aWorkspaceThatIsNoJsonObjectAndABadBackfillAreErrors() {
    assertEachRefused(
        List.of(
            "cron = \"@daily\", workspace = \"{region: 1}\"",
            "cron = \"@daily\", workspace = \"[1]\"",
            "cron = \"@daily\", workspace = \"{\\\"a\\\": 1\"",
            "cron = \"@daily\", backfill = \"soon\"",
            "cron = \"@daily\", backfill = \"0s\""),
        List.of(
            Message.INVALID_RECURRING_WORKSPACE.format("job0", "expected '\"' at offset 1"),
            Message.INVALID_RECURRING_WORKSPACE.format("job1", "expected '{' at offset 0"),
            Message.INVALID_RECURRING_WORKSPACE.format("job2", "expected '}' at the end"),
            Message.INVALID_BACKFILL.format("soon", "job3"),
            Message.INVALID_BACKFILL.format("0s", "job4")));
  }

  /**
   * javac has no position for an annotation inside the container it synthesises for repeated
   * annotations; the processor finds each one's value in the source tree, so with several schedules
   * every error still points at its own value.
   */
  @Test
  void everyErrorOfSeveralSchedulesOnOneJobIsReportedInOneCompileOnItsValue() {
    JavaFileObject source =
        TestSources.source(
            IMPORTS,
            "Several",
            "@Job(name = \"report\")",
            "@Recurring(cron = \"0 3 * * *\", zone = \"Europe/Berlin\")",
            "@Recurring(cron = \"0 3 * * MONDAY\")",
            "@Recurring(cron = \"0 12 * * *\", zone = \"Asia/Tokio\")",
            "class Several {",
            "  @Step(order = 1) static void run(JobContext job) {}",
            "}");
    Compilation compilation = Compilations.compile(source);
    // line 5: "@Recurring(cron = "0 3 * * MONDAY")": the value at column 19
    assertThat(compilation)
        .hadErrorContaining("cron field day-of-week 'MONDAY'")
        .inFile(source)
        .onLine(5)
        .atColumn(19);
    // line 6: "@Recurring(cron = "0 12 * * *", zone = "Asia/Tokio")": the zone at column 40
    assertThat(compilation)
        .hadErrorContaining(
            Message.UNKNOWN_ZONE.format("Asia/Tokio", "report", Message.didYouMean("Asia/Tokyo")))
        .inFile(source)
        .onLine(6)
        .atColumn(40);
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void validSchedulesReachTheDefinitionAsDeclared() throws IOException {
    JavaFileObject source =
        TestSources.source(
            IMPORTS,
            "Report",
            "@Job(name = \"report\")",
            "@Recurring(cron = \"0 3 * * *\", zone = \"Europe/Berlin\")",
            "@Recurring(cron = \"*/10 * * * * *\", workspace = \"{\\\"short\\\": true}\","
                + " backfill = \"1h\", overlap = Recurring.Overlap.SKIP)",
            "class Report {",
            "  @Step(order = 1) static void run(JobContext job) {}",
            "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    JobCatalog catalog =
        (JobCatalog) new CompiledClasses(compilation).callStatic("test.Jobs", "catalog");
    JobDefinition report = catalog.jobs().get(0);
    List<RecurringSchedule> schedules = report.schedules();
    assertThat(schedules).hasSize(2);
    assertThat(schedules.get(0).cronText()).isEqualTo("0 3 * * *");
    assertThat(schedules.get(0).zoneId()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(schedules.get(0).workspaceJson()).isEqualTo("{}");
    assertThat(schedules.get(0).backfillWindow()).isEqualTo(Duration.ZERO);
    assertThat(schedules.get(0).skipsOverlap()).isFalse();
    assertThat(schedules.get(1).cronText()).isEqualTo("*/10 * * * * *");
    assertThat(schedules.get(1).zoneId()).isEqualTo(ZoneId.of("UTC"));
    assertThat(schedules.get(1).workspaceJson()).isEqualTo("{\"short\": true}");
    assertThat(schedules.get(1).backfillWindow()).isEqualTo(Duration.ofHours(1));
    assertThat(schedules.get(1).skipsOverlap()).isTrue();

    String definition =
        compilation
            .generatedFile(StandardLocation.SOURCE_OUTPUT, "test/Report_DbqJob.java")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    assertThat(definition)
        .contains(".schedule(RecurringSchedule.cron(\"0 3 * * *\").zone(\"Europe/Berlin\"))");
  }

  @Test
  void aJobWithoutRecurringHasNoSchedule() {
    Compilation compilation =
        Compilations.compile(
            jobsWith("Plain", List.of("cron = \"@hourly\"")),
            TestSources.source(
                IMPORTS,
                "Unscheduled",
                "class Unscheduled {",
                "  @Job(name = \"plain\") static void run(JobContext job) {}",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    JobCatalog catalog =
        (JobCatalog) new CompiledClasses(compilation).callStatic("test.Jobs", "catalog");
    assertThat(catalog.job("plain").orElseThrow().schedules()).isEmpty();
    assertThat(catalog.job("job0").orElseThrow().schedules()).hasSize(1);
  }
}
