package dev.dbq.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.dbq.processor.testing.Compilations;
import dev.dbq.processor.validation.Message;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Programs a user could write that once made the processor emit code javac rejected, or accept a
 * misuse silently (issue #12). Each must end in an error on the user's own line, worded as a fix,
 * and nothing that blames a generated file.
 */
class AdversarialErrorsTest {
  private static final String IMPORTS =
      "import dev.dbq.annotation.*; import dev.dbq.runtime.JobContext;";

  private static JavaFileObject source(String simpleName, String... body) {
    return TestSources.source(IMPORTS, simpleName, body);
  }

  @Test
  void jobNamesWhoseBuilderMethodIsAMethodOfObjectAreReserved() {
    List<String> names =
        List.of(
            "get_class",
            "hash_code",
            "to_string",
            "wait",
            "notify",
            "notify_all",
            "clone",
            "finalize",
            "equals");
    String[] body = new String[names.size() + 2];
    body[0] = "class ObjectMethods {";
    for (int i = 0; i < names.size(); i++) {
      body[i + 1] =
          "  @Job(name = \"" + names.get(i) + "\") static void run" + i + "(JobContext job) {}";
    }
    body[names.size() + 1] = "}";
    JavaFileObject jobs = source("ObjectMethods", body);
    Compilation compilation = Compilations.compile(jobs);
    for (String name : names) {
      String method = dev.dbq.processor.model.JobNames.builderMethod(name);
      assertThat(compilation)
          .hadErrorContaining(
              Message.RESERVED_BUILDER_METHOD.format(
                  name, method, "a method every class inherits from java.lang.Object"))
          .inFile(jobs)
          .onLineContaining("\"" + name + "\"");
    }
    assertThat(compilation).hadErrorCount(names.size());
    TestSources.assertNoDiagnosticInGeneratedCode(compilation);
  }

  @Test
  void instanceStepWhoseConstructorThrowsACheckedException() {
    JavaFileObject job =
        source(
            "ThrowingConstructor",
            "@Job(name = \"import_cats\")",
            "class ThrowingConstructor {",
            "  ThrowingConstructor() throws java.io.IOException {}",
            "  @Step(order = 1) void fetch(JobContext job) {}",
            "}");
    Compilation compilation = Compilations.compile(job);
    assertThat(compilation)
        .hadErrorContaining(
            Message.CONSTRUCTOR_THROWS.format(
                "Step", "fetch", "test.ThrowingConstructor", "java.io.IOException"))
        .inFile(job)
        .onLineContaining("void fetch");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void jobInTheDefaultPackageWithAPackageOption() {
    JavaFileObject job =
        JavaFileObjects.forSourceLines(
            "Cleanup",
            "import dev.dbq.annotation.Job;",
            "import dev.dbq.runtime.JobContext;",
            "public class Cleanup {",
            "  @Job(name = \"cleanup\") public static void run(JobContext job) {}",
            "}");
    Compilation compilation = Compilations.compile(List.of("-Adbq.package=com.example"), job);
    assertThat(compilation)
        .hadErrorContaining(Message.DEFAULT_PACKAGE_JOB.format("cleanup", "com.example"))
        .inFile(job)
        .onLineContaining("@Job(name = \"cleanup\")");
    assertThat(compilation).hadErrorCount(1);
    TestSources.assertNoDiagnosticInGeneratedCode(compilation);
  }

  @Test
  void jobOnAMethodOfALocalClass() {
    JavaFileObject local =
        source(
            "LocalJobs",
            "class LocalJobs {",
            "  void setUp() {",
            "    class Local {",
            "      @Job(name = \"local\") void run(JobContext job) {}",
            "    }",
            "  }",
            "}");
    Compilation compilation = Compilations.compile(local);
    assertThat(compilation)
        .hadErrorContaining(Message.LOCAL_CLASS_JOB.format("Job", "run"))
        .inFile(local)
        .onLineContaining("@Job(name = \"local\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void jobOnAMethodOfAnAnonymousClass() {
    JavaFileObject anonymous =
        JavaFileObjects.forSourceLines(
            "test.AnonymousJobs",
            "package test;",
            "import dev.dbq.runtime.JobContext;",
            "class AnonymousJobs {",
            "  Object handler = new Object() {",
            "    @dev.dbq.annotation.Job(name = \"anon\") void run(JobContext job) {}",
            "  };",
            "}");
    Compilation compilation = Compilations.compile(anonymous);
    assertThat(compilation)
        .hadErrorContaining(Message.LOCAL_CLASS_JOB.format("Job", "run"))
        .inFile(anonymous)
        .onLineContaining("name = \"anon\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void jobOnALocalClassAndStepsInIt() {
    JavaFileObject local =
        source(
            "LocalJobClass",
            "class LocalJobClass {",
            "  static Runnable make() {",
            "    @Job(name = \"local\") class Local {",
            "      @Step(order = 1) void fetch(JobContext job) {}",
            "    }",
            "    return () -> new Local();",
            "  }",
            "}");
    Compilation compilation = Compilations.compile(local);
    assertThat(compilation)
        .hadErrorContaining(Message.LOCAL_CLASS_JOB.format("Job", "Local"))
        .inFile(local)
        .onLineContaining("@Job(name = \"local\")");
    assertThat(compilation)
        .hadErrorContaining(Message.LOCAL_CLASS_JOB.format("Step", "fetch"))
        .inFile(local)
        .onLineContaining("void fetch");
  }

  @Test
  void annotationsNamedLikeDbqsInALocalClassAreNotDbqs() {
    JavaFileObject own =
        JavaFileObjects.forSourceLines(
            "test.Job", "package test;", "@interface Job { String name(); }");
    JavaFileObject local =
        JavaFileObjects.forSourceLines(
            "test.OwnAnnotation",
            "package test;",
            "class OwnAnnotation {",
            "  void setUp() {",
            "    class Local { @Job(name = \"x\") void run() {} }",
            "  }",
            "}");
    assertThat(Compilations.compile(own, local)).succeededWithoutWarnings();
  }

  @Test
  void definitionClassOfAnotherJobThatTheUserAlsoDeclared() {
    JavaFileObject taken =
        JavaFileObjects.forSourceLines(
            "test.Mail_Send_DbqJob", "package test;", "public class Mail_Send_DbqJob {}");
    JavaFileObject job =
        source(
            "Mail",
            "class Mail {",
            "  @Job(name = \"send\") static void send(JobContext job) {}",
            "}");
    Compilation compilation = Compilations.compile(taken, job);
    assertThat(compilation)
        .hadErrorContaining(
            "could not write test.Mail_Send_DbqJob, the definition class of job 'send'")
        .inFile(job)
        .onLineContaining("static void send");
    TestSources.assertNoProcessorFailure(compilation);
  }

  @Test
  void packageOptionNamingAJdkPackage() {
    JavaFileObject job =
        source(
            "Mail",
            "class Mail {",
            "  @Job(name = \"send\") static void send(JobContext job) {}",
            "}");
    Compilation compilation = Compilations.compile(List.of("-Adbq.package=java.util"), job);
    assertThat(compilation)
        .hadErrorContaining(
            Message.PACKAGE_OPTION_IN_OTHER_MODULE.format("java.util", "java.base"));
    assertThat(compilation).hadErrorCount(1);
    TestSources.assertNoDiagnosticInGeneratedCode(compilation);
  }

  @Test
  void packageOptionNamingAClass() {
    JavaFileObject job =
        source(
            "Mail",
            "public class Mail {",
            "  @Job(name = \"send\") static void send(JobContext job) {}",
            "  public static class Inner {}",
            "}");
    Compilation compilation = Compilations.compile(List.of("-Adbq.package=test.Mail.Inner"), job);
    assertThat(compilation)
        .hadErrorContaining(
            Message.PACKAGE_OPTION_NAMES_A_CLASS.format("test.Mail.Inner", "test.Mail"));
    assertThat(compilation).hadErrorCount(1);
    TestSources.assertNoDiagnosticInGeneratedCode(compilation);
  }

  @Test
  void jobOnAMethodOfAnEnumConstantsBody() {
    JavaFileObject kinds =
        source(
            "Kind",
            "enum Kind {",
            "  A {",
            "    @Job(name = \"in_body\") void run(JobContext job) {}",
            "  };",
            "  @Job(name = \"fine\") static void fine(JobContext job) {}",
            "}");
    Compilation compilation = Compilations.compile(kinds);
    assertThat(compilation)
        .hadErrorContaining(Message.LOCAL_CLASS_JOB.format("Job", "run"))
        .inFile(kinds)
        .onLineContaining("in_body");
    assertThat(compilation).hadErrorCount(1);
  }
}
