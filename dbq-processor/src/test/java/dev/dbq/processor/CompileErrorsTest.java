package dev.dbq.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.dbq.processor.validation.Message.didYouMean;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.dbq.processor.testing.Compilations;
import dev.dbq.processor.validation.Message;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per compile error of {@code docs/annotations.md}: each input is named for its fault, and
 * each asserts the exact message, the file and the line javac points at.
 */
class CompileErrorsTest {
  private static final String IMPORTS =
      "import dev.dbq.annotation.*; import dev.dbq.runtime.JobContext; import java.util.Map;";

  private static JavaFileObject source(String simpleName, String... body) {
    return TestSources.source(IMPORTS, simpleName, body);
  }

  /** A valid single-step job, to pair with a faulty one. */
  private static JavaFileObject validJob(String className, String jobName) {
    return source(
        className,
        "class " + className + " {",
        "  @Job(name = \"" + jobName + "\") static void run(JobContext job) {}",
        "}");
  }

  // --- @Job attributes ---------------------------------------------------------------------

  @Test
  void duplicateJobName() {
    JavaFileObject first = validJob("FirstImport", "import_cats");
    JavaFileObject duplicate =
        source(
            "DuplicateJobName",
            "class DuplicateJobName {",
            "  @Job(name = \"import_cats\")",
            "  static void run(JobContext job) {}",
            "}");
    Compilation compilation = Compilations.compile(first, duplicate);
    assertThat(compilation)
        .hadErrorContaining(
            Message.DUPLICATE_JOB_NAME.format("import_cats", "test.FirstImport.run()"))
        .inFile(duplicate)
        .onLineContaining("@Job(name = \"import_cats\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void twoJobNamesMapToOneBuilderMethod() {
    JavaFileObject first = validJob("Underscore", "import_cats");
    JavaFileObject clash =
        source(
            "BuilderMethodClash",
            "class BuilderMethodClash {",
            "  @Job(name = \"import-cats\")",
            "  static void run(JobContext job) {}",
            "}");
    assertThat(Compilations.compile(first, clash))
        .hadErrorContaining(
            Message.BUILDER_METHOD_CLASH.format(
                "import-cats",
                "importCats",
                "import_cats",
                "test.Underscore.run()",
                didYouMean("import_cats")))
        .inFile(clash)
        .onLineContaining("import-cats");
  }

  @Test
  void jobNameMapsToReservedBuilderMethod() {
    JavaFileObject reserved =
        source(
            "ReservedBuilderMethod",
            "class ReservedBuilderMethod {",
            "  @Job(name = \"catalog\") static void catalog(JobContext job) {}",
            "  @Job(name = \"new\") static void fresh(JobContext job) {}",
            "}");
    Compilation compilation = Compilations.compile(reserved);
    assertThat(compilation)
        .hadErrorContaining(
            Message.RESERVED_BUILDER_METHOD.format(
                "catalog", "catalog", "reserved for Jobs.catalog()"))
        .inFile(reserved)
        .onLineContaining("\"catalog\"");
    assertThat(compilation)
        .hadErrorContaining(Message.RESERVED_BUILDER_METHOD.format("new", "new", "a Java keyword"))
        .inFile(reserved)
        .onLineContaining("\"new\"");
  }

  @Test
  void invalidJobNameCloseToAKnownJobSuggestsIt() {
    JavaFileObject known = validJob("Known", "import_cats");
    JavaFileObject typo =
        source(
            "InvalidJobName",
            "class InvalidJobName {",
            "  @Job(name = \"import cats!\") static void run(JobContext job) {}",
            "}");
    assertThat(Compilations.compile(known, typo))
        .hadErrorContaining(
            Message.INVALID_JOB_NAME.format("import cats!", didYouMean("import_cats")))
        .inFile(typo)
        .onLineContaining("import cats!");
  }

  @Test
  void invalidJobNameSuggestsARepairedName() {
    JavaFileObject digit =
        source(
            "JobNameStartsWithDigit",
            "class JobNameStartsWithDigit {",
            "  @Job(name = \"9lives\") static void run(JobContext job) {}",
            "}");
    assertThat(Compilations.compile(digit))
        .hadErrorContaining(Message.INVALID_JOB_NAME.format("9lives", didYouMean("job_9lives")))
        .inFile(digit)
        .onLineContaining("9lives");
  }

  @Test
  void jobNameLongerThan100Characters() {
    String longName = "a".repeat(101);
    JavaFileObject tooLong =
        source(
            "JobNameTooLong",
            "class JobNameTooLong {",
            "  @Job(name = \"" + longName + "\") static void run(JobContext job) {}",
            "}");
    assertThat(Compilations.compile(tooLong))
        .hadErrorContaining(Message.INVALID_JOB_NAME.format(longName, didYouMean("a".repeat(100))))
        .inFile(tooLong)
        .onLineContaining(longName);
  }

  @Test
  void invalidQueueName() {
    JavaFileObject queue =
        source(
            "InvalidQueueName",
            "class InvalidQueueName {",
            "  @Job(name = \"report\", queue = \"high priority\")",
            "  static void run(JobContext job) {}",
            "}");
    assertThat(Compilations.compile(queue))
        .hadErrorContaining(
            Message.INVALID_QUEUE_NAME.format(
                "high priority", "report", didYouMean("high_priority")))
        .inFile(queue)
        .onLineContaining("high priority");
  }

  @Test
  void priorityOutOfRange() {
    JavaFileObject priority =
        source(
            "PriorityOutOfRange",
            "class PriorityOutOfRange {",
            "  @Job(name = \"urgent\",",
            "      priority = 40000)",
            "  static void run(JobContext job) {}",
            "}");
    assertThat(Compilations.compile(priority))
        .hadErrorContaining(Message.PRIORITY_OUT_OF_RANGE.format(40000, "urgent"))
        .inFile(priority)
        .onLineContaining("priority = 40000");
  }

  @Test
  void maxAttemptsBelowOne() {
    JavaFileObject attempts =
        source(
            "MaxAttemptsZero",
            "class MaxAttemptsZero {",
            "  @Job(name = \"never\",",
            "      maxAttempts = 0)",
            "  static void run(JobContext job) {}",
            "}");
    assertThat(Compilations.compile(attempts))
        .hadErrorContaining(Message.MAX_ATTEMPTS_TOO_LOW.format(0, "never"))
        .inFile(attempts)
        .onLineContaining("maxAttempts = 0");
  }

  @Test
  void jobOnAnInterface() {
    JavaFileObject onInterface =
        source(
            "JobOnInterface",
            "@Job(name = \"iface\")",
            "interface JobOnInterface {",
            "  @Step(order = 1) static void run(JobContext job) {}",
            "}");
    assertThat(Compilations.compile(onInterface))
        .hadErrorContaining(Message.JOB_NOT_A_CLASS.format("JobOnInterface", "an interface"))
        .inFile(onInterface)
        .onLineContaining("@Job(name = \"iface\")");
  }

  // --- structure ----------------------------------------------------------------------------

  @Test
  void jobClassWithoutSteps() {
    JavaFileObject empty =
        source(
            "JobWithoutSteps",
            "@Job(name = \"empty\")",
            "class JobWithoutSteps {",
            "  static void notAStep(JobContext job) {}",
            "}");
    assertThat(Compilations.compile(empty))
        .hadErrorContaining(Message.NO_STEPS.format("test.JobWithoutSteps"))
        .inFile(empty)
        .onLineContaining("@Job(name = \"empty\")");
  }

  @Test
  void twoStepsWithTheSameOrder() {
    JavaFileObject sameOrder =
        source(
            "DuplicateStepOrder",
            "@Job(name = \"import_cats\")",
            "class DuplicateStepOrder {",
            "  @Step(order = 1) static void fetch(JobContext job) {}",
            "  @Step(order = 1) static void store(JobContext job) {}",
            "}");
    assertThat(Compilations.compile(sameOrder))
        .hadErrorContaining(Message.DUPLICATE_STEP_ORDER.format("import_cats", 1, "fetch", "store"))
        .inFile(sameOrder)
        .onLineContaining("void store");
  }

  @Test
  void stepOutsideAJobClass() {
    JavaFileObject stray =
        source(
            "StepOutsideJob",
            "class StepOutsideJob {",
            "  @Step(order = 1) static void fetch(JobContext job) {}",
            "}");
    assertThat(Compilations.compile(stray))
        .hadErrorContaining(Message.STEP_OUTSIDE_JOB.format("fetch", "test.StepOutsideJob"))
        .inFile(stray)
        .onLineContaining("void fetch");
  }

  @Test
  void hookOutsideAJobClass() {
    JavaFileObject stray =
        source(
            "HookOutsideJob",
            "class HookOutsideJob {",
            "  @Job(name = \"single\") static void run(JobContext job) {}",
            "  @FailureHook static void failed(JobContext job) {}",
            "}");
    assertThat(Compilations.compile(stray))
        .hadErrorContaining(
            Message.HOOK_OUTSIDE_JOB.format("FailureHook", "failed", "test.HookOutsideJob"))
        .inFile(stray)
        .onLineContaining("void failed");
  }

  @Test
  void stepOnAJobMethod() {
    JavaFileObject both =
        source(
            "StepOnJobMethod",
            "class StepOnJobMethod {",
            "  @Job(name = \"single\") @Step(order = 1) static void run(JobContext job) {}",
            "}");
    assertThat(Compilations.compile(both))
        .hadErrorContaining(Message.STEP_ON_JOB_METHOD.format("run"))
        .inFile(both)
        .onLineContaining("void run");
  }

  @Test
  void hookDeclaredTwice() {
    JavaFileObject twice =
        source(
            "HookDeclaredTwice",
            "@Job(name = \"import_cats\")",
            "class HookDeclaredTwice {",
            "  @Step(order = 1) static void fetch(JobContext job) {}",
            "  @PreStepHook static void first(JobContext job) {}",
            "  @PreStepHook static void second(JobContext job) {}",
            "}");
    assertThat(Compilations.compile(twice))
        .hadErrorContaining(
            Message.DUPLICATE_HOOK.format("import_cats", "PreStepHook", "first", "second"))
        .inFile(twice)
        .onLineContaining("void second");
  }

  // --- steps and hooks ----------------------------------------------------------------------

  @Test
  void privateStep() {
    JavaFileObject hidden =
        source(
            "PrivateStep",
            "@Job(name = \"import_cats\")",
            "class PrivateStep {",
            "  @Step(order = 1) private static void fetch(JobContext job) {}",
            "}");
    assertThat(Compilations.compile(hidden))
        .hadErrorContaining(Message.PRIVATE_METHOD.format("Step", "fetch"))
        .inFile(hidden)
        .onLineContaining("void fetch");
  }

  @Test
  void abstractStep() {
    JavaFileObject bodiless =
        source(
            "AbstractStep",
            "@Job(name = \"import_cats\")",
            "abstract class AbstractStep {",
            "  @Step(order = 1) abstract void fetch(JobContext job);",
            "}");
    assertThat(Compilations.compile(bodiless))
        .hadErrorContaining(Message.ABSTRACT_METHOD.format("Step", "fetch"))
        .inFile(bodiless)
        .onLineContaining("void fetch");
  }

  @Test
  void genericStep() {
    JavaFileObject generic =
        source(
            "GenericStep",
            "@Job(name = \"import_cats\")",
            "class GenericStep {",
            "  @Step(order = 1) static <T> void fetch(JobContext job) {}",
            "}");
    assertThat(Compilations.compile(generic))
        .hadErrorContaining(Message.GENERIC_METHOD.format("Step", "fetch"))
        .inFile(generic)
        .onLineContaining("void fetch");
  }

  @Test
  void stepInAPrivateNestedClass() {
    JavaFileObject nested =
        source(
            "PrivateJobClass",
            "class PrivateJobClass {",
            "  @Job(name = \"import_cats\")",
            "  private static class Inner {",
            "    @Step(order = 1) static void fetch(JobContext job) {}",
            "  }",
            "}");
    assertThat(Compilations.compile(nested))
        .hadErrorContaining(
            Message.PRIVATE_CLASS.format("test.PrivateJobClass.Inner", "Step", "fetch"))
        .inFile(nested)
        .onLineContaining("void fetch");
  }

  @Test
  void stepInAGenericClass() {
    JavaFileObject generic =
        source(
            "GenericJobClass",
            "@Job(name = \"import_cats\")",
            "class GenericJobClass<T> {",
            "  @Step(order = 1) void fetch(JobContext job) {}",
            "}");
    assertThat(Compilations.compile(generic))
        .hadErrorContaining(Message.GENERIC_CLASS.format("test.GenericJobClass", "Step", "fetch"))
        .inFile(generic)
        .onLineContaining("void fetch");
  }

  @Test
  void instanceStepWithoutNoArgConstructor() {
    JavaFileObject noConstructor =
        source(
            "NoNoArgConstructor",
            "@Job(name = \"import_cats\")",
            "class NoNoArgConstructor {",
            "  NoNoArgConstructor(String source) {}",
            "  @Step(order = 1) void fetch(JobContext job) {}",
            "}");
    assertThat(Compilations.compile(noConstructor))
        .hadErrorContaining(
            Message.NOT_INSTANTIABLE.format(
                "Step",
                "fetch",
                "test.NoNoArgConstructor",
                Message.REASON_NO_CONSTRUCTOR.pattern()))
        .inFile(noConstructor)
        .onLineContaining("void fetch");
  }

  @Test
  void instanceStepOfAnInnerClass() {
    JavaFileObject inner =
        source(
            "InnerJobClass",
            "class InnerJobClass {",
            "  @Job(name = \"import_cats\")",
            "  class Inner {",
            "    @Step(order = 1) void fetch(JobContext job) {}",
            "  }",
            "}");
    assertThat(Compilations.compile(inner))
        .hadErrorContaining(
            Message.NOT_INSTANTIABLE.format(
                "Step", "fetch", "test.InnerJobClass.Inner", Message.REASON_INNER_CLASS.pattern()))
        .inFile(inner)
        .onLineContaining("void fetch");
  }

  @Test
  void parameterOtherThanContextAndWorkspace() {
    JavaFileObject extra =
        source(
            "ExtraParameter",
            "@Job(name = \"import_cats\")",
            "class ExtraParameter {",
            "  public record Batch(int count) {}",
            "  @Step(order = 1) static void fetch(Batch batch,",
            "      String url) {}",
            "}");
    assertThat(Compilations.compile(extra))
        .hadErrorContaining(
            Message.INVALID_PARAMETER.format("url", "Step", "fetch", "java.lang.String", ""))
        .inFile(extra)
        .onLineContaining("String url");
  }

  @Test
  void parameterNamedLikeJobContextSuggestsTheRuntimeOne() {
    JavaFileObject wrongContext =
        JavaFileObjects.forSourceLines(
            "test.JobContext", "package test;", "public class JobContext {}");
    JavaFileObject wrongImport =
        JavaFileObjects.forSourceLines(
            "test.WrongJobContext",
            "package test;",
            "import dev.dbq.annotation.Job;",
            "class WrongJobContext {",
            "  @Job(name = \"import_cats\") static void run(JobContext job) {}",
            "}");
    assertThat(Compilations.compile(wrongContext, wrongImport))
        .hadErrorContaining(
            Message.INVALID_PARAMETER.format(
                "job", "Job", "run", "test.JobContext", didYouMean("dev.dbq.runtime.JobContext")))
        .inFile(wrongImport)
        .onLineContaining("JobContext job");
  }

  @Test
  void throwableParameterOnAStep() {
    JavaFileObject throwable =
        source(
            "ThrowableOnStep",
            "class ThrowableOnStep {",
            "  @Job(name = \"import_cats\") static void run(Exception failure) {}",
            "}");
    assertThat(Compilations.compile(throwable))
        .hadErrorContaining(
            Message.INVALID_PARAMETER.format("failure", "Job", "run", "java.lang.Exception", ""))
        .inFile(throwable)
        .onLineContaining("Exception failure");
  }

  @Test
  void failureHookTakingANarrowerException() {
    JavaFileObject narrow =
        source(
            "NarrowFailureParameter",
            "@Job(name = \"import_cats\")",
            "class NarrowFailureParameter {",
            "  @Step(order = 1) static void fetch(JobContext job) {}",
            "  @FailureHook static void failed(JobContext job,",
            "      java.io.IOException failure) {}",
            "}");
    assertThat(Compilations.compile(narrow))
        .hadErrorContaining(
            Message.INVALID_FAILURE_PARAMETER.format("failure", "failed", "java.io.IOException"))
        .inFile(narrow)
        .onLineContaining("IOException failure");
  }

  @Test
  void contextParameterTwice() {
    JavaFileObject twice =
        source(
            "ContextTwice",
            "class ContextTwice {",
            "  @Job(name = \"import_cats\") static void run(JobContext job,",
            "      JobContext again) {}",
            "}");
    assertThat(Compilations.compile(twice))
        .hadErrorContaining(
            Message.DUPLICATE_PARAMETER.format("Job", "run", "dev.dbq.runtime.JobContext"))
        .inFile(twice)
        .onLineContaining("JobContext again");
  }

  @Test
  void workspaceParameterTwice() {
    JavaFileObject twice =
        source(
            "WorkspaceTwice",
            "class WorkspaceTwice {",
            "  public record Batch(int count) {}",
            "  @Job(name = \"import_cats\") static void run(Batch batch,",
            "      Batch again) {}",
            "}");
    assertThat(Compilations.compile(twice))
        .hadErrorContaining(
            Message.DUPLICATE_PARAMETER.format("Job", "run", "test.WorkspaceTwice.Batch"))
        .inFile(twice)
        .onLineContaining("Batch again");
  }

  @Test
  void failureParameterTwice() {
    JavaFileObject twice =
        source(
            "FailureTwice",
            "@Job(name = \"import_cats\")",
            "class FailureTwice {",
            "  @Step(order = 1) static void fetch(JobContext job) {}",
            "  @FailureHook static void failed(Throwable failure,",
            "      Exception again) {}",
            "}");
    assertThat(Compilations.compile(twice))
        .hadErrorContaining(
            Message.DUPLICATE_PARAMETER.format("FailureHook", "failed", "the failure"))
        .inFile(twice)
        .onLineContaining("Exception again");
  }

  // --- workspace types ----------------------------------------------------------------------

  @Test
  void disagreeingWorkspaceTypes() {
    JavaFileObject disagree =
        source(
            "DisagreeingWorkspaces",
            "@Job(name = \"import_cats\")",
            "class DisagreeingWorkspaces {",
            "  public record Cats(int count) {}",
            "  public record Dogs(int count) {}",
            "  @Step(order = 1) static void fetch(Cats cats) {}",
            "  @Step(order = 2) static void store(JobContext job,",
            "      Dogs dogs) {}",
            "}");
    assertThat(Compilations.compile(disagree))
        .hadErrorContaining(
            Message.DISAGREEING_WORKSPACE.format(
                "parameter 'dogs'",
                "Step",
                "store",
                "test.DisagreeingWorkspaces.Dogs",
                "import_cats",
                "test.DisagreeingWorkspaces.Cats",
                "fetch"))
        .inFile(disagree)
        .onLineContaining("Dogs dogs");
  }

  @Test
  void untypedMapAndTypedWorkspaceDisagree() {
    JavaFileObject disagree =
        source(
            "MapAndRecordWorkspaces",
            "@Job(name = \"import_cats\")",
            "class MapAndRecordWorkspaces {",
            "  public record Cats(int count) {}",
            "  @Step(order = 1) static void fetch(Map<String, Object> workspace) {}",
            "  @Step(order = 2) static Cats store(JobContext job) { return null; }",
            "}");
    assertThat(Compilations.compile(disagree))
        .hadErrorContaining(
            Message.DISAGREEING_WORKSPACE.format(
                "return type",
                "Step",
                "store",
                "test.MapAndRecordWorkspaces.Cats",
                "import_cats",
                "java.util.Map<java.lang.String,java.lang.Object>",
                "fetch"))
        .inFile(disagree)
        .onLineContaining("Cats store");
  }

  @Test
  void workspaceOfAJavaLangType() {
    assertUnbindable("StringWorkspace", "String", "java.lang.String", Message.REASON_JAVA_LANG);
  }

  @Test
  void workspaceOfAPrimitiveType() {
    assertUnbindable("IntWorkspace", "int", "int", Message.REASON_PRIMITIVE);
  }

  @Test
  void workspaceOfAnArrayType() {
    assertUnbindable("ArrayWorkspace", "long[]", "long[]", Message.REASON_ARRAY);
  }

  @Test
  void workspaceOfAnInterface() {
    assertUnbindable(
        "InterfaceWorkspace", "Runnable", "java.lang.Runnable", Message.REASON_JAVA_LANG);
    assertUnbindable(
        "ListWorkspace",
        "java.util.List<String>",
        "java.util.List<java.lang.String>",
        Message.REASON_INTERFACE);
  }

  @Test
  void workspaceOfAMapOtherThanStringToObject() {
    assertUnbindable(
        "StringMapWorkspace",
        "Map<String, String>",
        "java.util.Map<java.lang.String,java.lang.String>",
        Message.REASON_UNTYPED_MAP);
  }

  @Test
  void workspaceWithoutNoArgConstructor() {
    JavaFileObject noConstructor =
        source(
            "NoConstructorWorkspace",
            "class NoConstructorWorkspace {",
            "  static class Batch { Batch(int count) {} }",
            "  @Job(name = \"import_cats\") static void run(JobContext job,",
            "      Batch batch) {}",
            "}");
    assertThat(Compilations.compile(noConstructor))
        .hadErrorContaining(
            Message.UNBINDABLE_WORKSPACE.format(
                "parameter 'batch'",
                "Job",
                "run",
                "test.NoConstructorWorkspace.Batch",
                "import_cats",
                Message.REASON_NO_CONSTRUCTOR.pattern()))
        .inFile(noConstructor)
        .onLineContaining("Batch batch");
  }

  @Test
  void workspaceOfAnAbstractClass() {
    JavaFileObject abstractWorkspace =
        source(
            "AbstractWorkspace",
            "class AbstractWorkspace {",
            "  abstract static class Batch {}",
            "  @Job(name = \"import_cats\") static void run(Batch batch) {}",
            "}");
    assertThat(Compilations.compile(abstractWorkspace))
        .hadErrorContaining(
            Message.UNBINDABLE_WORKSPACE.format(
                "parameter 'batch'",
                "Job",
                "run",
                "test.AbstractWorkspace.Batch",
                "import_cats",
                Message.REASON_ABSTRACT.pattern()))
        .inFile(abstractWorkspace)
        .onLineContaining("Batch batch");
  }

  @Test
  void workspaceOfAGenericClass() {
    JavaFileObject generic =
        source(
            "GenericWorkspace",
            "class GenericWorkspace {",
            "  static class Box<T> {}",
            "  @Job(name = \"import_cats\") static void run(Box<String> box) {}",
            "}");
    assertThat(Compilations.compile(generic))
        .hadErrorContaining(
            Message.UNBINDABLE_WORKSPACE.format(
                "parameter 'box'",
                "Job",
                "run",
                "test.GenericWorkspace.Box<java.lang.String>",
                "import_cats",
                Message.REASON_GENERIC.pattern()))
        .inFile(generic)
        .onLineContaining("Box<String> box");
  }

  @Test
  void workspaceNotAccessibleFromTheJobsPackage() {
    JavaFileObject hiddenWorkspace =
        JavaFileObjects.forSourceLines(
            "com.example.cats.Batch",
            "package com.example.cats;",
            "class Batch { public int count; }");
    JavaFileObject job =
        JavaFileObjects.forSourceLines(
            "com.example.cats.ImportCats",
            "package com.example.cats;",
            "import dev.dbq.annotation.Job;",
            "class ImportCats {",
            "  @Job(name = \"import_cats\") static void run(Batch batch) {}",
            "}");
    JavaFileObject other =
        JavaFileObjects.forSourceLines(
            "com.example.mail.Mail",
            "package com.example.mail;",
            "import dev.dbq.annotation.Job;",
            "import dev.dbq.runtime.JobContext;",
            "class Mail {",
            "  @Job(name = \"send_mail\") static void run(JobContext job) {}",
            "}");
    assertThat(Compilations.compile(hiddenWorkspace, job, other))
        .hadErrorContaining(
            Message.INACCESSIBLE_WORKSPACE.format(
                "com.example.cats.Batch", "import_cats", "com.example"))
        .inFile(job)
        .onLineContaining("Batch batch");
  }

  // --- the processor ------------------------------------------------------------------------

  @Test
  void invalidPackageOption() {
    assertThat(Compilations.compile(List.of("-Adbq.package=com.1bad"), validJob("Fine", "fine")))
        .hadErrorContaining(Message.INVALID_PACKAGE_OPTION.format("com.1bad"));
  }

  @Test
  void userClassWithTheNameOfAGeneratedOne() {
    JavaFileObject jobs =
        JavaFileObjects.forSourceLines("test.Jobs", "package test;", "public class Jobs {}");
    JavaFileObject job = validJob("Fine", "fine");
    assertThat(Compilations.compile(jobs, job))
        .hadErrorContaining(
            Message.FILE_NOT_WRITTEN.format(
                "test.Jobs", "Attempt to recreate a file for type test.Jobs"))
        .inFile(job)
        .onLineContaining("@Job(name = \"fine\")");
  }

  @Test
  void everyErrorOfACompilationIsReported() {
    JavaFileObject many =
        source(
            "ManyFaults",
            "@Job(name = \"bad name\", queue = \"\", priority = 99999, maxAttempts = 0)",
            "class ManyFaults {",
            "  @Step(order = 1) private static void fetch(JobContext job) {}",
            "  @Step(order = 1) static void store(JobContext job, String s, Integer i) {}",
            "  @PostStepHook static void a() {}",
            "  @PostStepHook static void b() {}",
            "}");
    JavaFileObject stray =
        source("StrayStep", "class StrayStep {", "  @Step(order = 3) void lost() {}", "}");
    Compilation compilation = Compilations.compile(many, stray);
    assertThat(compilation).hadErrorContaining("@Job name 'bad name' is invalid");
    assertThat(compilation).hadErrorContaining("@Job queue '' of job 'bad name' is invalid");
    assertThat(compilation)
        .hadErrorContaining(Message.PRIORITY_OUT_OF_RANGE.format(99999, "bad name"));
    assertThat(compilation).hadErrorContaining(Message.MAX_ATTEMPTS_TOO_LOW.format(0, "bad name"));
    assertThat(compilation).hadErrorContaining(Message.PRIVATE_METHOD.format("Step", "fetch"));
    assertThat(compilation)
        .hadErrorContaining(Message.DUPLICATE_STEP_ORDER.format("bad name", 1, "fetch", "store"));
    assertThat(compilation)
        .hadErrorContaining(
            Message.INVALID_PARAMETER.format("i", "Step", "store", "java.lang.Integer", ""));
    assertThat(compilation)
        .hadErrorContaining(Message.DUPLICATE_HOOK.format("bad name", "PostStepHook", "a", "b"));
    assertThat(compilation)
        .hadErrorContaining(Message.STEP_OUTSIDE_JOB.format("lost", "test.StrayStep"))
        .inFile(stray);
    assertThat(compilation).hadErrorCount(10);
  }

  private static void assertUnbindable(
      String className, String declaredType, String printedType, Message reason) {
    JavaFileObject unbindable =
        source(
            className,
            "class " + className + " {",
            "  @Job(name = \"import_cats\") static void run(JobContext job,",
            "      " + declaredType + " workspace) {}",
            "}");
    assertThat(Compilations.compile(unbindable))
        .hadErrorContaining(
            Message.UNBINDABLE_WORKSPACE.format(
                "parameter 'workspace'",
                "Job",
                "run",
                printedType,
                "import_cats",
                reason.pattern()))
        .inFile(unbindable)
        .onLineContaining(declaredType + " workspace");
  }
}
