package dev.dbq.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.dbq.processor.testing.Compilations;
import dev.dbq.processor.testing.CompiledClasses;
import dev.dbq.processor.testing.Goldens;
import dev.dbq.processor.validation.Message;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobState;
import dev.dbq.runtime.Uniqueness;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * {@code @Unique}: a field the workspace does not have, fields without a typed workspace, a field
 * twice, a malformed period and a state set without a running state are compile errors on the
 * value; {@code @Unique} or {@code @Recurring} without {@code @Job} too; a valid one reaches the
 * runtime's definition as declared.
 */
class UniqueTest {
  private static final String IMPORTS =
      "import dev.dbq.annotation.*; import dev.dbq.runtime.JobContext; import java.util.Map;";

  /** A method job whose workspace is {@code Invoice(long customerId, String month)}. */
  private static JavaFileObject invoiceJob(String className, String unique) {
    return TestSources.source(
        IMPORTS,
        className,
        "class " + className + " {",
        "  public record Invoice(long customerId, String month) {}",
        "  @Job(name = \"send_invoice\")",
        "  @Unique(" + unique + ")",
        "  static void send(Invoice invoice) {}",
        "}");
  }

  private static void assertRefused(JavaFileObject source, String message, String line) {
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    assertThat(compilation).hadErrorCount(1);
    TestSources.assertNoProcessorFailure(compilation);
  }

  @Test
  void aFieldTheWorkspaceDoesNotHaveIsAnErrorOnThatFieldWithTheClosestProperty() {
    JavaFileObject source = invoiceJob("Misspelt", "fields = {\"month\", \"custmerId\"}");
    Compilation compilation = Compilations.compile(source);
    // line 6: "  @Unique(fields = {"month", "custmerId"})": the second field at column 30
    assertThat(compilation)
        .hadErrorContaining(
            Message.UNKNOWN_UNIQUE_FIELD.format(
                "custmerId",
                "send_invoice",
                "test.Misspelt.Invoice",
                "customerId, month",
                Message.didYouMean("customerId")))
        .inFile(source)
        .onLine(6)
        .atColumn(30);
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aFieldFarFromEveryPropertyIsAnErrorWithoutSuggestion() {
    assertRefused(
        invoiceJob("Far", "fields = \"region\""),
        Message.UNKNOWN_UNIQUE_FIELD.format(
            "region", "send_invoice", "test.Far.Invoice", "customerId, month", ""),
        "@Unique(");
  }

  @Test
  void aFieldGivenTwiceOrEmptyIsAnError() {
    JavaFileObject twice = invoiceJob("Twice", "fields = {\"month\", \"month\"}");
    assertRefused(
        twice, Message.DUPLICATE_UNIQUE_FIELD.format("month", "send_invoice"), "@Unique(");
    assertRefused(
        invoiceJob("Empty", "fields = \"\""),
        Message.EMPTY_UNIQUE_FIELD.format("send_invoice"),
        "@Unique(");
  }

  @Test
  void fieldsOfAJobWithoutATypedWorkspaceAreAnError() {
    JavaFileObject untyped =
        TestSources.source(
            IMPORTS,
            "Untyped",
            "class Untyped {",
            "  @Job(name = \"untyped\") @Unique(fields = \"customerId\")",
            "  static void run(Map<String, Object> workspace) {}",
            "}");
    assertRefused(
        untyped,
        Message.UNIQUE_FIELDS_WITHOUT_TYPED_WORKSPACE.format(
            "untyped", "the untyped workspace Map<String, Object>"),
        "@Unique(");
    JavaFileObject none =
        TestSources.source(
            IMPORTS,
            "NoWorkspace",
            "class NoWorkspace {",
            "  @Job(name = \"none\") @Unique(fields = \"customerId\")",
            "  static void run(JobContext job) {}",
            "}");
    assertRefused(
        none,
        Message.UNIQUE_FIELDS_WITHOUT_TYPED_WORKSPACE.format("none", "no workspace"),
        "@Unique(");
  }

  @Test
  void aBeanWorkspaceOffersItsGettersAndPublicFieldsButNotASetterAlone() {
    JavaFileObject source =
        TestSources.source(
            IMPORTS,
            "Bean",
            "class Bean {",
            "  public static class Mailing {",
            "    public String list;",
            "    private String to;",
            "    public String getTo() { return to; }",
            "    public void setTo(String to) { this.to = to; }",
            "    public void setSecret(String secret) {}",
            "  }",
            "  @Job(name = \"mailing\") @Unique(fields = {\"list\", \"to\", \"secret\"})",
            "  static void run(Mailing mailing) {}",
            "}");
    assertRefused(
        source,
        Message.UNKNOWN_UNIQUE_FIELD.format(
            "secret", "mailing", "test.Bean.Mailing", "list, to", ""),
        "@Unique(");
  }

  @Test
  void fieldsOnAWorkspaceWithJacksonAnnotationsAreAnError() {
    JavaFileObject source =
        TestSources.source(
            IMPORTS,
            "Renamed",
            "class Renamed {",
            "  public record Invoice(",
            "      @com.fasterxml.jackson.annotation.JsonProperty(\"customer_id\") long customerId) {}",
            "  @Job(name = \"renamed\") @Unique(fields = \"customerId\")",
            "  static void run(Invoice invoice) {}",
            "}");
    assertRefused(
        source,
        Message.UNIQUE_FIELDS_ON_JACKSON_CONFIGURED_WORKSPACE.format(
            "renamed", "test.Renamed.Invoice"),
        "@Unique(");
  }

  @Test
  void aMalformedOrTooShortPeriodIsAnErrorOnThePeriod() {
    for (String period : new String[] {"1 hour", "0s", "-1h", "PT0.0001S", "hourly"}) {
      assertRefused(
          invoiceJob("Period", "fields = \"customerId\", period = \"" + period + "\""),
          Message.INVALID_UNIQUE_PERIOD.format(period, "send_invoice"),
          "@Unique(");
    }
  }

  @Test
  void statesWithoutEveryWaitingAndRunningStateAreAnError() {
    assertRefused(
        invoiceJob("States", "states = {Unique.State.NEW, Unique.State.READY}"),
        Message.UNIQUE_STATES_INCOMPLETE.format("send_invoice", "PROCESSING, STOPPING"),
        "@Unique(");
  }

  @Test
  void uniqueOrRecurringWithoutJobIsAnError() {
    JavaFileObject source =
        TestSources.source(
            IMPORTS,
            "Forgotten",
            "class Forgotten {",
            "  @Unique static void unique(JobContext job) {}",
            "  @Recurring(cron = \"@daily\") static void recurring(JobContext job) {}",
            "  @Recurring(cron = \"@daily\") @Recurring(cron = \"@hourly\")",
            "  static void twice(JobContext job) {}",
            "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation)
        .hadErrorContaining(Message.UNIQUE_WITHOUT_JOB.format("test.Forgotten.unique()"))
        .inFile(source)
        .onLineContaining("@Unique static void unique");
    assertThat(compilation)
        .hadErrorContaining(Message.RECURRING_WITHOUT_JOB.format("test.Forgotten.recurring()"))
        .inFile(source)
        .onLineContaining("static void recurring");
    assertThat(compilation)
        .hadErrorContaining(Message.RECURRING_WITHOUT_JOB.format("test.Forgotten.twice()"))
        .inFile(source);
    assertThat(compilation).hadErrorCount(3);
    TestSources.assertNoProcessorFailure(compilation);
  }

  @Test
  void everyErrorOfOneUniqueIsReportedInOneCompile() {
    JavaFileObject source =
        invoiceJob(
            "Everything",
            "fields = {\"custmerId\", \"mont\"}, period = \"soon\", states = Unique.State.NEW");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(4);
    TestSources.assertNoProcessorFailure(compilation);
  }

  @Test
  void aValidUniqueReachesTheDefinitionAsDeclared() throws IOException {
    JavaFileObject source =
        TestSources.source(
            IMPORTS,
            "Valid",
            "class Valid {",
            "  public record Invoice(long customerId, String month, String note) {}",
            "  @Job(name = \"by_fields\")",
            "  @Unique(fields = {\"month\", \"customerId\"}, period = \"1h\")",
            "  static void byFields(Invoice invoice) {}",
            "  @Job(name = \"by_name\") @Unique static void byName(JobContext job) {}",
            "  @Job(name = \"ever\")",
            "  @Unique(fields = \"customerId\", states = {Unique.State.NEW, Unique.State.READY,",
            "      Unique.State.PROCESSING, Unique.State.STOPPING, Unique.State.COMPLETE})",
            "  static void ever(Invoice invoice) {}",
            "  @Job(name = \"plain\") static void plain(JobContext job) {}",
            "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    JobCatalog catalog =
        (JobCatalog) new CompiledClasses(compilation).callStatic("test.Jobs", "catalog");
    assertThat(catalog.job("by_fields").orElseThrow().unique())
        .isEqualTo(
            Optional.of(Uniqueness.byFields("customerId", "month").period(Duration.ofHours(1))));
    assertThat(catalog.job("by_name").orElseThrow().unique())
        .isEqualTo(Optional.of(Uniqueness.byName()));
    assertThat(catalog.job("ever").orElseThrow().unique())
        .isEqualTo(
            Optional.of(
                Uniqueness.byFields("customerId")
                    .refusingIn(
                        EnumSet.of(
                            JobState.NEW,
                            JobState.READY,
                            JobState.PROCESSING,
                            JobState.STOPPING,
                            JobState.COMPLETE))));
    assertThat(catalog.job("plain").orElseThrow().unique()).isEmpty();

    String definition =
        compilation
            .generatedFile(StandardLocation.SOURCE_OUTPUT, "test/Valid_ByFields_DbqJob.java")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    assertThat(definition)
        .contains(
            ".unique(Uniqueness.byFields(\"customerId\", \"month\").period(Duration.ofHours(1)))");
  }

  @Test
  void theDefinitionOfAUniqueClassJob() {
    JavaFileObject source =
        TestSources.source(
            IMPORTS,
            "Invoicing",
            "@Job(name = \"invoicing\")",
            "@Unique(fields = {\"month\", \"customerId\"}, period = \"1d\", states = {",
            "    Unique.State.NEW, Unique.State.READY, Unique.State.PROCESSING,",
            "    Unique.State.STOPPING, Unique.State.COMPLETE, Unique.State.FAILED})",
            "class Invoicing {",
            "  public record Invoice(long customerId, String month) {}",
            "  @Step(order = 1) static void send(Invoice invoice) {}",
            "}");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    Goldens.assertGolden(
        compilation, getClass(), "theDefinitionOfAUniqueClassJob", "test.Invoicing_DbqJob");
  }
}
