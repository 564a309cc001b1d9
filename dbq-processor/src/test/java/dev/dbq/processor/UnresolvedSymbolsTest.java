package dev.dbq.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.dbq.processor.testing.Compilations;
import dev.dbq.processor.validation.Message;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Symbols javac cannot resolve (a typo, a missing class, an unresolved constant): the processor
 * waits for a later round instead of failing, generates nothing, keeps the other jobs' errors, and
 * leaves the unknown symbol to javac's own error on the user's line (issue #12).
 */
class UnresolvedSymbolsTest {
  private static final String IMPORTS =
      "import dev.dbq.annotation.*; import dev.dbq.runtime.JobContext;";

  private static JavaFileObject source(String simpleName, String... body) {
    return TestSources.source(IMPORTS, simpleName, body);
  }

  @Test
  void unknownTypeInAStepSignatureIsLeftToJavac() {
    JavaFileObject typo =
        source(
            "ContextTypo",
            "@Job(name = \"import_cats\")",
            "class ContextTypo {",
            "  @Step(order = 1) void fetch(JobContxt job) {}",
            "}");
    Compilation compilation = Compilations.compile(typo);
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(typo)
        .onLineContaining("JobContxt job");
    assertThat(compilation).hadErrorCount(1);
    TestSources.assertNoDiagnosticInGeneratedCode(compilation);
  }

  @Test
  void missingWorkspaceClassIsLeftToJavac() {
    JavaFileObject missing =
        source(
            "MissingWorkspace",
            "class MissingWorkspace {",
            "  @Job(name = \"import_cats\") static void run(CatBatch batch) {}",
            "  @Job(name = \"other\") static void other(JobContext job) {}",
            "}");
    Compilation compilation = Compilations.compile(missing);
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(missing)
        .onLineContaining("CatBatch batch");
    assertThat(compilation).hadErrorCount(1);
    TestSources.assertNoDiagnosticInGeneratedCode(compilation);
  }

  @Test
  void unresolvedAnnotationConstantKeepsTheOtherJobsErrors() {
    JavaFileObject unresolved =
        source(
            "UnresolvedName",
            "class UnresolvedName {",
            "  @Job(name = Names.DIGEST) static void digest(JobContext job) {}",
            "}");
    JavaFileObject invalid =
        source(
            "InvalidQueue",
            "class InvalidQueue {",
            "  @Job(name = \"import_cats\", queue = \"bad queue\") static void run(JobContext job)"
                + " {}",
            "}");
    Compilation compilation = Compilations.compile(unresolved, invalid);
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(unresolved)
        .onLineContaining("Names.DIGEST");
    assertThat(compilation)
        .hadErrorContaining(
            Message.INVALID_QUEUE_NAME.format(
                "bad queue", "import_cats", Message.didYouMean("bad_queue")))
        .inFile(invalid)
        .onLineContaining("bad queue");
    assertThat(compilation).hadErrorCount(2);
    TestSources.assertNoProcessorFailure(compilation);
    TestSources.assertNoDiagnosticInGeneratedCode(compilation);
  }

  @Test
  void unresolvedStepOrderIsLeftToJavac() {
    JavaFileObject unresolved =
        source(
            "UnresolvedOrder",
            "@Job(name = \"import_cats\")",
            "class UnresolvedOrder {",
            "  @Step(order = Orders.FIRST) void fetch(JobContext job) {}",
            "}");
    Compilation compilation = Compilations.compile(unresolved);
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(unresolved)
        .onLineContaining("Orders.FIRST");
    assertThat(compilation).hadErrorCount(1);
    TestSources.assertNoProcessorFailure(compilation);
  }

  @Test
  void jobClassExtendingAnUnknownClassIsLeftToJavac() {
    JavaFileObject unknownSuper =
        source(
            "UnknownSuper",
            "@Job(name = \"import_cats\")",
            "class UnknownSuper extends Missing {",
            "  @Step(order = 1) static void fetch(JobContext job) {}",
            "}");
    Compilation compilation = Compilations.compile(unknownSuper);
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(unknownSuper)
        .onLineContaining("extends Missing");
    assertThat(compilation).hadErrorCount(1);
    TestSources.assertNoDiagnosticInGeneratedCode(compilation);
  }

  @Test
  void typedJobEnqueuedWithoutAWorkspaceDoesNotCompile() {
    JavaFileObject job =
        source(
            "FulfilOrder",
            "class FulfilOrder {",
            "  public record Order(String id) {}",
            "  @Job(name = \"fulfil_order\") static void run(Order order) {}",
            "}");
    JavaFileObject caller =
        JavaFileObjects.forSourceLines(
            "test.Shop",
            "package test;",
            "class Shop {",
            "  java.util.UUID order(dev.dbq.runtime.Dbq dbq) {",
            "    return Jobs.fulfilOrder().queue(\"urgent\").enqueue(dbq);",
            "  }",
            "}");
    Compilation compilation = Compilations.compile(job, caller);
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(caller)
        .onLineContaining(".enqueue(dbq)");
    assertThat(compilation).hadErrorCount(1);
  }
}
