package dev.dbq.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.dbq.processor.testing.Compilations;
import dev.dbq.processor.testing.CompiledClasses;
import dev.dbq.processor.testing.Goldens;
import dev.dbq.processor.testing.JobSources;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** Where {@code Jobs} and the catalog go, and that they compile wherever that is. */
class GeneratedPackageTest {

  private static JavaFileObject methodJob(String pkg, String className, String jobName) {
    String qualified = pkg.isEmpty() ? className : pkg + "." + className;
    return JavaFileObjects.forSourceLines(
        qualified,
        pkg.isEmpty() ? "" : "package " + pkg + ";",
        "import dev.dbq.annotation.Job;",
        "import dev.dbq.runtime.JobContext;",
        "public class " + className + " {",
        "  @Job(name = \"" + jobName + "\") public static void run(JobContext job) {}",
        "}");
  }

  @Test
  void jobsSpreadOverPackagesGoToTheLongestCommonPackage() {
    Compilation compilation =
        Compilations.compile(
            methodJob("org.acme.billing.invoices", "Invoices", "send_invoices"),
            methodJob("org.acme.billingx", "Other", "other"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("org.acme.Jobs");
    assertThat(compilation).generatedSourceFile("org.acme.DbqJobCatalog");
    assertThat(compilation)
        .generatedSourceFile("org.acme.billing.invoices.Invoices_SendInvoices_DbqJob");
  }

  @Test
  void packageOptionChoosesWhereJobsGo() {
    Compilation compilation =
        Compilations.compile(List.of("-Adbq.package=org.acme.generated"), JobSources.all());
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("org.acme.generated.Jobs");
    // definitions stay next to their jobs, so package-private steps are still callable
    assertThat(compilation).generatedSourceFile("com.example.cats.ImportCats_DbqJob");
    assertThat(compilation)
        .generatedFile(
            StandardLocation.CLASS_OUTPUT, "META-INF/services/dev.dbq.runtime.JobCatalog")
        .contentsAsUtf8String()
        .isEqualTo("org.acme.generated.DbqJobCatalog\n");
  }

  @Test
  void jobInTheDefaultPackage() {
    Compilation compilation = Compilations.compile(methodJob("", "Cleanup", "cleanup"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedFile(
            StandardLocation.CLASS_OUTPUT, "META-INF/services/dev.dbq.runtime.JobCatalog")
        .contentsAsUtf8String()
        .isEqualTo("DbqJobCatalog\n");
    JobCatalog catalog =
        (JobCatalog) new CompiledClasses(compilation).callStatic("Jobs", "catalog");
    assertThat(catalog.jobs().stream().map(JobDefinition::name).toList())
        .containsExactly("cleanup");
  }

  @Test
  void userClassesNamedLikeGeneratedOrRuntimeTypesDoNotClash() {
    JavaFileObject jobBuilder =
        JavaFileObjects.forSourceLines(
            "com.example.a.JobBuilder",
            "package com.example.a;",
            "import dev.dbq.annotation.*;",
            "import dev.dbq.runtime.JobContext;",
            "@Job(name = \"build\")",
            "public class JobBuilder {",
            "  public record JobDefinition(int x) {}",
            "  @Step(order = 1) public static JobDefinition one(JobDefinition d) { return d; }",
            "}");
    JavaFileObject jobs =
        JavaFileObjects.forSourceLines(
            "com.example.b.Jobs",
            "package com.example.b;",
            "import dev.dbq.annotation.Job;",
            "public class Jobs {",
            "  public static class Invocation { public int attempt; }",
            "  @Job(name = \"jobs\") public static void run(Invocation workspace) {}",
            "}");
    Compilation compilation = Compilations.compile(jobBuilder, jobs);
    assertThat(compilation).succeededWithoutWarnings();
    Goldens.assertGolden(
        compilation,
        getClass(),
        "userClassesNamedLikeGeneratedOrRuntimeTypesDoNotClash",
        "com.example.Jobs");
    Goldens.assertGolden(
        compilation,
        getClass(),
        "userClassesNamedLikeGeneratedOrRuntimeTypesDoNotClash",
        "com.example.a.JobBuilder_DbqJob");
  }

  @Test
  void workspaceNamedLikeAGeneratedBuilderDoesNotClash() {
    JavaFileObject workspace =
        JavaFileObjects.forSourceLines(
            "com.example.a.ReportBuilder",
            "package com.example.a;",
            "public class ReportBuilder { public int pages; }");
    JavaFileObject job =
        JavaFileObjects.forSourceLines(
            "com.example.b.Reports",
            "package com.example.b;",
            "import com.example.a.ReportBuilder;",
            "import dev.dbq.annotation.Job;",
            "public class Reports {",
            "  @Job(name = \"report\") public static void run(ReportBuilder state) {}",
            "}");
    Compilation compilation = Compilations.compile(workspace, job);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("com.example.b.Jobs")
        .contentsAsUtf8String()
        .contains("public ReportBuilder workspace(com.example.a.ReportBuilder workspace)");
  }

  @Test
  void nestedJobClassesAreFlattenedInTheirDefinitionName() {
    JavaFileObject nested =
        JavaFileObjects.forSourceLines(
            "com.example.Outer",
            "package com.example;",
            "import dev.dbq.annotation.*;",
            "import dev.dbq.runtime.JobContext;",
            "class Outer {",
            "  @Job(name = \"inner\") static class Inner {",
            "    @Step(order = 1) void run(JobContext job) {}",
            "  }",
            "}");
    Compilation compilation = Compilations.compile(nested);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.example.Outer_Inner_DbqJob");
  }
}
