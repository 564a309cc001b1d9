package dev.dbq.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.dbq.processor.testing.Compilations;
import dev.dbq.processor.testing.CompiledClasses;
import dev.dbq.processor.testing.JobSources;
import dev.dbq.processor.testing.SourceGenerator;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Legal programs that once made the processor write code javac rejected (issue #12). Each must
 * compile under {@code -Xlint:all -Werror} with no warning, and give the job set it declares.
 */
class AdversarialValidInputsTest {

  private static JobCatalog catalog(Compilation compilation, String jobsClass) {
    return (JobCatalog) new CompiledClasses(compilation).callStatic(jobsClass, "catalog");
  }

  private static List<String> jobNames(JobCatalog catalog) {
    return catalog.jobs().stream().map(JobDefinition::name).toList();
  }

  @Test
  void aValidJobSetCompilesUnderDefaultJavacOptionsToo() {
    Compilation compilation =
        Compiler.javac().withProcessors(new DbqProcessor()).compile(JobSources.all());
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void deprecatedJobClassesMethodsConstructorsAndWorkspaces() {
    JavaFileObject deprecated =
        JavaFileObjects.forSourceLines(
            "com.example.old.Legacy",
            "package com.example.old;",
            "import dev.dbq.annotation.*;",
            "import dev.dbq.runtime.JobContext;",
            "@Deprecated",
            "@Job(name = \"legacy\")",
            "public class Legacy {",
            "  @Deprecated(forRemoval = true) public Legacy() {}",
            "  @Deprecated public record State(int n) {}",
            "  @Step(order = 1) State fetch(State s) { return s; }",
            "}");
    JavaFileObject removal =
        JavaFileObjects.forSourceLines(
            "com.example.mail.Mail",
            "package com.example.mail;",
            "import dev.dbq.annotation.*;",
            "import dev.dbq.runtime.JobContext;",
            "public class Mail {",
            "  @Deprecated(forRemoval = true)",
            "  @Job(name = \"old_mail\") public static void send(JobContext job) {}",
            "}");
    Compilation compilation = Compilations.compile(deprecated, removal);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(jobNames(catalog(compilation, "com.example.Jobs")))
        .containsExactly("legacy", "old_mail");
    assertThat(Compiler.javac().withProcessors(new DbqProcessor()).compile(deprecated, removal))
        .succeededWithoutWarnings();
  }

  @Test
  void workspaceTypeThatAnotherProcessorGenerates() {
    JavaFileObject job =
        JavaFileObjects.forSourceLines(
            "com.example.shop.FulfilOrder",
            "package com.example.shop;",
            "import com.example.gen.Order;",
            "import dev.dbq.annotation.Job;",
            "public class FulfilOrder {",
            "  @Job(name = \"fulfil_order\") public static void run(Order order) {}",
            "}");
    Compilation compilation =
        Compiler.javac()
            .withProcessors(
                new SourceGenerator(
                    "com.example.gen.Order",
                    "package com.example.gen;\npublic record Order(String id) {}\n"),
                new DbqProcessor())
            .withOptions("-Xlint:all", "-Werror")
            .compile(job);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("com.example.shop.Jobs")
        .contentsAsUtf8String()
        .contains("import com.example.gen.Order;");
    JobDefinition definition =
        catalog(compilation, "com.example.shop.Jobs").job("fulfil_order").orElseThrow();
    assertThat(definition.workspaceType().orElseThrow().getName())
        .isEqualTo("com.example.gen.Order");
  }

  @Test
  void definitionClassesThatWouldShareAName() {
    JavaFileObject outer =
        JavaFileObjects.forSourceLines(
            "com.example.Outer",
            "package com.example;",
            "import dev.dbq.annotation.*;",
            "import dev.dbq.runtime.JobContext;",
            "public class Outer {",
            "  @Job(name = \"send\") static void send(JobContext job) {}",
            "  @Job(name = \"send_nested\") static class Send {",
            "    @Step(order = 1) static void run(JobContext job) {}",
            "  }",
            "  @Job(name = \"nested_b\") static class B {",
            "    @Step(order = 1) static void run(JobContext job) {}",
            "  }",
            "}");
    JavaFileObject flat =
        JavaFileObjects.forSourceLines(
            "com.example.Outer_B",
            "package com.example;",
            "import dev.dbq.annotation.*;",
            "import dev.dbq.runtime.JobContext;",
            "@Job(name = \"flat_b\")",
            "class Outer_B {",
            "  @Step(order = 1) static void run(JobContext job) {}",
            "}");
    Compilation compilation = Compilations.compile(outer, flat);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.example.Outer_Send_DbqJob");
    assertThat(compilation).generatedSourceFile("com.example.Outer_Send2_DbqJob");
    assertThat(compilation).generatedSourceFile("com.example.Outer_B_DbqJob");
    assertThat(compilation).generatedSourceFile("com.example.Outer_B2_DbqJob");
    assertThat(jobNames(catalog(compilation, "com.example.Jobs")))
        .containsExactly("flat_b", "nested_b", "send", "send_nested")
        .inOrder();
  }

  @Test
  void packageMatesNamedLikeJavaLangTypes() {
    JavaFileObject[] shadows = {
      JavaFileObjects.forSourceLines(
          "com.example.Object", "package com.example;", "public class Object {}"),
      JavaFileObjects.forSourceLines(
          "com.example.String", "package com.example;", "public class String {}"),
      JavaFileObjects.forSourceLines(
          "com.example.Override", "package com.example;", "public @interface Override {}"),
      JavaFileObjects.forSourceLines(
          "com.example.Throwable", "package com.example;", "public class Throwable {}"),
      JavaFileObjects.forSourceLines(
          "com.example.Exception", "package com.example;", "public class Exception {}"),
      JavaFileObjects.forSourceLines(
          "com.example.Class", "package com.example;", "public class Class {}"),
    };
    JavaFileObject jobs =
        JavaFileObjects.forSourceLines(
            "com.example.Reports",
            "package com.example;",
            "import dev.dbq.annotation.*;",
            "import dev.dbq.runtime.JobContext;",
            "@Job(name = \"report\")",
            "public class Reports {",
            "  public record Pages(int count) {}",
            "  @Step(order = 1) Pages fetch(JobContext job, Pages pages) { return pages; }",
            "  @FailureHook static void failed(java.lang.Exception failure) {}",
            "  @Job(name = \"untyped\")",
            "  static void untyped(JobContext job, java.util.Map<java.lang.String, java.lang.Object>"
                + " w) {}",
            "}");
    JavaFileObject[] all = new JavaFileObject[shadows.length + 1];
    System.arraycopy(shadows, 0, all, 0, shadows.length);
    all[shadows.length] = jobs;
    Compilation compilation = Compilations.compile(all);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(jobNames(catalog(compilation, "com.example.Jobs")))
        .containsExactly("report", "untyped");
  }

  @Test
  void stepsAndHooksNamedLikeGeneratedMembers() {
    JavaFileObject job =
        JavaFileObjects.forSourceLines(
            "com.example.Names",
            "package com.example;",
            "import dev.dbq.annotation.*;",
            "import dev.dbq.runtime.JobContext;",
            "@Job(name = \"names\")",
            "public class Names {",
            "  @Step(order = 1) static void DEFINITION(JobContext job) {}",
            "  @Step(order = 2) static void invocation(JobContext job) {}",
            "  @Step(order = 3) static void creationHook(JobContext job) {}",
            "  @Step(order = 4) static void failureHook(JobContext job) {}",
            "  @CreationHook static void preStepHook(JobContext job) {}",
            "  @FailureHook static void invocation2(JobContext job, Throwable failure) {}",
            "}");
    Compilation compilation = Compilations.compile(job);
    assertThat(compilation).succeededWithoutWarnings();
    JobDefinition names = catalog(compilation, "com.example.Jobs").job("names").orElseThrow();
    assertThat(names.steps().stream().map(s -> s.name()).toList())
        .containsExactly("DEFINITION", "invocation", "creationHook", "failureHook")
        .inOrder();
  }

  @Test
  void workspaceNamedLikeTheBuilderWithoutAWorkspace() {
    JavaFileObject workspace =
        JavaFileObjects.forSourceLines(
            "com.example.a.ReportWithoutWorkspace",
            "package com.example.a;",
            "public class ReportWithoutWorkspace { public int pages; }");
    JavaFileObject job =
        JavaFileObjects.forSourceLines(
            "com.example.b.Reports",
            "package com.example.b;",
            "import com.example.a.ReportWithoutWorkspace;",
            "import dev.dbq.annotation.Job;",
            "public class Reports {",
            "  @Job(name = \"report\") public static void run(ReportWithoutWorkspace state) {}",
            "}");
    assertThat(Compilations.compile(workspace, job)).succeededWithoutWarnings();
  }

  @Test
  void everyEnqueueFormTheReadmeShowsCompiles() {
    JavaFileObject caller =
        JavaFileObjects.forSourceLines(
            "com.example.Enqueue",
            "package com.example;",
            "import com.example.cats.CatBatch;",
            "import dev.dbq.runtime.Dbq;",
            "import java.time.Duration;",
            "import java.time.Instant;",
            "import java.util.List;",
            "import java.util.Map;",
            "import java.util.UUID;",
            "class Enqueue {",
            "  void all(Dbq dbq, java.sql.Connection connection, CatBatch w) {",
            "    UUID a = Jobs.importCats().workspace(w).queue(\"q\").priority(2)",
            "        .runAfter(Instant.now()).enqueue(dbq);",
            "    UUID b = Jobs.importCats().queue(\"q\").priority(2)",
            "        .runAfter(Duration.ofMinutes(5)).workspace(w).enqueue(connection);",
            "    List<UUID> c = dbq.enqueueAll(",
            "        List.of(Jobs.importCats().workspace(w), Jobs.sendDigest()));",
            "    UUID d = Jobs.sendDigest().workspace(Map.of(\"to\", \"ada\")).enqueue();",
            "    UUID e = Jobs.sendDigest().enqueue(dbq);",
            "    UUID f = Jobs.reportBuild().workspace(new com.example.reports.ReportState())",
            "        .enqueue();",
            "    System.out.println(List.of(a, b, c, d, e, f));",
            "  }",
            "}");
    JavaFileObject[] sources = JobSources.all();
    JavaFileObject[] all = new JavaFileObject[sources.length + 1];
    System.arraycopy(sources, 0, all, 0, sources.length);
    all[sources.length] = caller;
    assertThat(Compilations.compile(all)).succeededWithoutWarnings();
  }

  @Test
  void constructorThrowingOnlyUncheckedExceptions() {
    JavaFileObject job =
        JavaFileObjects.forSourceLines(
            "com.example.Unchecked",
            "package com.example;",
            "import dev.dbq.annotation.*;",
            "import dev.dbq.runtime.JobContext;",
            "@Job(name = \"unchecked\")",
            "public class Unchecked {",
            "  Unchecked() throws IllegalStateException {}",
            "  @Step(order = 1) void fetch(JobContext job) {}",
            "}");
    assertThat(Compilations.compile(job)).succeededWithoutWarnings();
  }

  @Test
  void methodJobsInInterfacesEnumsAndRecords() {
    JavaFileObject holders =
        JavaFileObjects.forSourceLines(
            "com.example.Holders",
            "package com.example;",
            "import dev.dbq.annotation.Job;",
            "import dev.dbq.runtime.JobContext;",
            "public class Holders {",
            "  public interface Api {",
            "    @Job(name = \"in_interface\") static void run(JobContext job) {}",
            "  }",
            "  public enum Kind { A;",
            "    @Job(name = \"in_enum\") static void run(JobContext job) {}",
            "  }",
            "  public record Point(int x) {",
            "    @Job(name = \"in_record\") static void run(JobContext job) {}",
            "  }",
            "}");
    Compilation compilation = Compilations.compile(holders);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(jobNames(catalog(compilation, "com.example.Jobs")))
        .containsExactly("in_enum", "in_interface", "in_record");
  }

  @Test
  void jobClassesAndWorkspacesNamedLikeRuntimeAndGeneratedTypes() {
    JavaFileObject invocation =
        JavaFileObjects.forSourceLines(
            "com.example.Invocation",
            "package com.example;",
            "import dev.dbq.annotation.*;",
            "import dev.dbq.runtime.JobContext;",
            "@Job(name = \"inv\")",
            "public class Invocation {",
            "  @Step(order = 1) void fetch(JobContext job) {}",
            "}");
    JavaFileObject[] workspaces = {
      JavaFileObjects.forSourceLines(
          "com.example.a.Jobs", "package com.example.a;", "public class Jobs { public int n; }"),
      JavaFileObjects.forSourceLines(
          "com.example.a.JobBuilderWithoutWorkspace",
          "package com.example.a;",
          "public class JobBuilderWithoutWorkspace { public int n; }"),
      JavaFileObjects.forSourceLines(
          "com.example.a.JobCatalog",
          "package com.example.a;",
          "public class JobCatalog { public int n; }"),
    };
    JavaFileObject uses =
        JavaFileObjects.forSourceLines(
            "com.example.b.Uses",
            "package com.example.b;",
            "import dev.dbq.annotation.Job;",
            "public class Uses {",
            "  @Job(name = \"one\") public static void one(com.example.a.Jobs w) {}",
            "  @Job(name = \"two\")",
            "  public static void two(com.example.a.JobBuilderWithoutWorkspace w) {}",
            "  @Job(name = \"three\") public static void three(com.example.a.JobCatalog w) {}",
            "}");
    Compilation compilation =
        Compilations.compile(invocation, workspaces[0], workspaces[1], workspaces[2], uses);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(jobNames(catalog(compilation, "com.example.Jobs")))
        .containsExactly("inv", "one", "three", "two");
  }
}
