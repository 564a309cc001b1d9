package dev.dbq.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import dev.dbq.processor.model.DurationText;
import dev.dbq.processor.testing.Compilations;
import dev.dbq.processor.testing.CompiledClasses;
import dev.dbq.processor.validation.Message;
import dev.dbq.runtime.Invocation;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.JobMethod;
import dev.dbq.runtime.StepDefinition;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * {@code @Step(timeout)}: every malformed, non-positive or too long value is a compile error on its
 * own line, all in one compile; every accepted form reaches the runtime as the {@code Duration} it
 * denotes; a step without one gets none.
 */
class StepTimeoutTest {
  private static final String IMPORTS =
      "import dev.dbq.annotation.*; import dev.dbq.runtime.JobContext;";

  /** One job whose steps, in order, declare these timeouts, one step per line. */
  private static JavaFileObject jobWithTimeouts(String className, List<String> timeouts) {
    List<String> body = new ArrayList<>();
    body.add("@Job(name = \"timed\")");
    body.add("class " + className + " {");
    for (int i = 0; i < timeouts.size(); i++) {
      body.add(
          "  @Step(order = "
              + i
              + ", timeout = \""
              + timeouts.get(i)
              + "\") static void step"
              + i
              + "(JobContext job) {}");
    }
    body.add("}");
    return TestSources.source(IMPORTS, className, body.toArray(String[]::new));
  }

  private static void assertEachRefused(Message message, List<String> timeouts) {
    JavaFileObject source = jobWithTimeouts("Timeouts", timeouts);
    Compilation compilation = Compilations.compile(source);
    for (int i = 0; i < timeouts.size(); i++) {
      assertThat(compilation)
          .hadErrorContaining(message.format(timeouts.get(i), "step" + i))
          .inFile(source)
          .onLineContaining("static void step" + i + "(");
    }
    assertThat(compilation).hadErrorCount(timeouts.size());
  }

  @Test
  void aMalformedTimeoutIsAnErrorOnItsLineNamingTheValueAndTheAcceptedForms() {
    assertEachRefused(
        Message.INVALID_STEP_TIMEOUT,
        List.of(
            "30", // no unit
            "s", // no number
            "30 s", // a space
            " 30s", // leading space
            "30S", // units are lower case
            "1.5s", // whole numbers only (1500ms)
            "30sec", // unknown unit
            "1w", // no weeks
            "1s1m", // smallest unit first
            "1m1m", // a unit twice
            "1m-30s", // a sign inside
            "+30s", // no plus sign
            "PT", // ISO-8601 without an amount
            "P30S", // ISO-8601 seconds need the T
            "PT30", // ISO-8601 without a unit
            "thirty seconds"));
  }

  @Test
  void theErrorPointsAtTheTimeoutValue() {
    JavaFileObject source = jobWithTimeouts("PointsAtValue", List.of("soon"));
    Compilation compilation = Compilations.compile(source);
    // line 5 (package, imports, @Job, class): "  @Step(order = 0, timeout = \"soon\")", whose
    // value starts at column 30
    assertThat(compilation)
        .hadErrorContaining(Message.INVALID_STEP_TIMEOUT.format("soon", "step0"))
        .inFile(source)
        .onLine(5)
        .atColumn(30);
  }

  @Test
  void aZeroOrNegativeTimeoutIsAnError() {
    assertEachRefused(
        Message.STEP_TIMEOUT_NOT_POSITIVE,
        List.of("0s", "0ms", "0d0h0m0s0ms", "-5s", "-1m30s", "PT0S", "-PT1S", "PT-1S", "P0D"));
  }

  @Test
  void aTimeoutOver1000YearsIsAnError() {
    assertEachRefused(
        Message.STEP_TIMEOUT_TOO_LONG,
        List.of(
            "365243d",
            "365242d1ms",
            "8765809h",
            "99999999999999999999999s",
            "PT8765809H",
            "P365243D",
            "PT99999999999999999999S"));
  }

  @Test
  void everyAcceptedFormReachesTheRuntimeAsTheDurationItDenotes() {
    Map<String, Duration> forms = new LinkedHashMap<>();
    forms.put("500ms", Duration.ofMillis(500));
    forms.put("30s", Duration.ofSeconds(30));
    forms.put("5m", Duration.ofMinutes(5));
    forms.put("2h", Duration.ofHours(2));
    forms.put("1d", Duration.ofDays(1));
    forms.put("1m30s", Duration.ofSeconds(90));
    forms.put("1s500ms", Duration.ofMillis(1500));
    forms.put("2d12h", Duration.ofHours(60));
    forms.put("1d2h3m4s5ms", Duration.parse("P1DT2H3M4.005S"));
    forms.put("90m", Duration.ofMinutes(90));
    forms.put("007s", Duration.ofSeconds(7));
    forms.put("1ms", Duration.ofMillis(1));
    forms.put("100000d1s", Duration.ofDays(100_000).plusSeconds(1)); // past an int of seconds
    forms.put("365242d", Duration.ofDays(365_242)); // the longest
    forms.put("PT30S", Duration.ofSeconds(30));
    forms.put("pt1m30s", Duration.ofSeconds(90));
    forms.put("P1DT2H", Duration.ofHours(26));
    forms.put("PT0.0001S", Duration.ofNanos(100_000)); // exact, below a millisecond
    forms.put("+PT1S", Duration.ofSeconds(1));
    List<String> timeouts = new ArrayList<>(forms.keySet());
    Compilation compilation = Compilations.compile(jobWithTimeouts("Accepted", timeouts));
    assertThat(compilation).succeededWithoutWarnings();

    List<StepDefinition> steps = timedJob(compilation).steps();
    assertThat(steps).hasSize(timeouts.size());
    for (int i = 0; i < timeouts.size(); i++) {
      assertWithMessage("timeout = \"%s\"", timeouts.get(i))
          .that(steps.get(i).timeout())
          .hasValue(forms.get(timeouts.get(i)));
    }
  }

  @Test
  void theGeneratedCallWritesTheTimeoutInItsLargestWholeUnit() throws IOException {
    Compilation compilation =
        Compilations.compile(jobWithTimeouts("Readable", List.of("1m30s", "2d", "1s500ms")));
    assertThat(compilation).succeededWithoutWarnings();
    String definition =
        compilation
            .generatedFile(StandardLocation.SOURCE_OUTPUT, "test/Readable_DbqJob.java")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    assertThat(definition)
        .contains(".step(\"step0\", Readable_DbqJob::step0, Duration.ofSeconds(90))");
    assertThat(definition).contains(".step(\"step1\", Readable_DbqJob::step1, Duration.ofDays(2))");
    assertThat(definition)
        .contains(".step(\"step2\", Readable_DbqJob::step2, Duration.ofMillis(1500))");
  }

  @Test
  void aStepWithoutTimeoutHasNoneAndAnEmptyTimeoutIsNone() {
    JavaFileObject source =
        TestSources.source(
            IMPORTS,
            "Untimed",
            "@Job(name = \"timed\")",
            "class Untimed {",
            "  @Step(order = 1) static void fetch(JobContext job) {}",
            "  @Step(order = 2, timeout = \"\") static void store(JobContext job) {}",
            "  @Step(order = 3, timeout = \"10s\") static void report(JobContext job) {}",
            "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    List<StepDefinition> steps = timedJob(compilation).steps();
    assertThat(steps.get(0).timeout()).isEmpty();
    assertThat(steps.get(1).timeout()).isEmpty();
    assertThat(steps.get(2).timeout()).isEqualTo(Optional.of(Duration.ofSeconds(10)));
  }

  @Test
  void aWorkspaceTypeNamedDurationDoesNotClashWithTheTimeoutsDuration() {
    JavaFileObject workspace =
        TestSources.source("", "Duration", "public record Duration(int minutes) {}");
    JavaFileObject job =
        TestSources.source(
            IMPORTS,
            "Clash",
            "@Job(name = \"timed\")",
            "class Clash {",
            "  @Step(order = 1, timeout = \"5m\") static void run(Duration workspace) {}",
            "}");
    Compilation compilation = Compilations.compile(workspace, job);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(timedJob(compilation).steps().get(0).timeout()).hasValue(Duration.ofMinutes(5));
  }

  @Test
  void aTimeoutFromAConstantIsCheckedLikeALiteral() {
    JavaFileObject source =
        TestSources.source(
            IMPORTS,
            "Constants",
            "@Job(name = \"timed\")",
            "class Constants {",
            "  static final String SHORT = \"30s\";",
            "  static final String SOON = \"soon\";",
            "  @Step(order = 1, timeout = SHORT) static void fetch(JobContext job) {}",
            "  @Step(order = 2, timeout = SOON) static void store(JobContext job) {}",
            "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation)
        .hadErrorContaining(Message.INVALID_STEP_TIMEOUT.format("soon", "store"))
        .inFile(source)
        .onLineContaining("timeout = SOON");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void anUnresolvedTimeoutConstantIsLeftToJavac() {
    JavaFileObject source =
        TestSources.source(
            IMPORTS,
            "Unresolved",
            "@Job(name = \"timed\")",
            "class Unresolved {",
            "  @Step(order = 1, timeout = Timeouts.FETCH) static void fetch(JobContext job) {}",
            "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(source)
        .onLineContaining("Timeouts.FETCH");
    assertThat(compilation).hadErrorCount(1);
    TestSources.assertNoProcessorFailure(compilation);
  }

  @Test
  void theLongestTimeoutIsTheRuntimesLongest() {
    assertThat(DurationText.MAX).isEqualTo(Duration.ofDays(365_242));
    JobMethod nothing = Invocation::workspace;
    assertThat(new StepDefinition("fetch", nothing, DurationText.MAX).timeout())
        .hasValue(DurationText.MAX);
    assertThrows(
        IllegalArgumentException.class,
        () -> new StepDefinition("fetch", nothing, DurationText.MAX.plusMillis(1)));
  }

  private static JobDefinition timedJob(Compilation compilation) {
    JobCatalog catalog =
        (JobCatalog) new CompiledClasses(compilation).callStatic("test.Jobs", "catalog");
    return catalog.jobs().stream()
        .filter(job -> job.name().equals("timed"))
        .findFirst()
        .orElseThrow();
  }
}
