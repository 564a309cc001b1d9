package dev.dbq.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dbq.processor.validation.Message;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs of several compilations on one class path (modules, a library's jar, a rebuild that was not
 * cleaned), compiled for real into directories: each compilation's catalog must reach the worker,
 * and where two would collide, the compiler or the worker says so.
 */
class CatalogCoexistenceTest {
  @TempDir Path dir;

  /** What one javac run reported. */
  private record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    List<String> errors() {
      return diagnostics.stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(d -> d.getMessage(Locale.ROOT))
          .toList();
    }

    List<String> warnings() {
      return diagnostics.stream()
          .filter(
              d ->
                  d.getKind() == Diagnostic.Kind.WARNING
                      || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING)
          .map(d -> d.getMessage(Locale.ROOT))
          .toList();
    }
  }

  private Path write(String module, String qualifiedName, String source) throws IOException {
    Path file = dir.resolve(module + "-src").resolve(qualifiedName.replace('.', '/') + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    return file;
  }

  private static String methodJob(String pkg, String className, String jobName) {
    return "package "
        + pkg
        + ";\n"
        + "public class "
        + className
        + " {\n"
        + "  @dev.dbq.annotation.Job(name = \""
        + jobName
        + "\")\n"
        + "  public static void run(dev.dbq.runtime.JobContext job) {}\n"
        + "}\n";
  }

  /** javac with the processor and -Xlint:all -Werror, into {@code out}, with extra class path. */
  private static Result compile(
      Path out,
      List<Path> classPath,
      List<String> extraOptions,
      boolean withProcessor,
      Path... sources)
      throws IOException {
    Files.createDirectories(out);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    String cp =
        Stream.concat(
                classPath.stream().map(Path::toString),
                Stream.of(System.getProperty("java.class.path")))
            .collect(Collectors.joining(File.pathSeparator));
    List<String> options = new ArrayList<>(List.of("-Xlint:all", "-Werror", "-d", out.toString()));
    options.addAll(List.of("-classpath", cp));
    options.addAll(extraOptions);
    if (!withProcessor) {
      options.add("-proc:none");
    }
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null,
              files,
              diagnostics,
              options,
              null,
              files.getJavaFileObjectsFromPaths(List.of(sources)));
      if (withProcessor) {
        task.setProcessors(List.of(new DbqProcessor()));
      }
      return new Result(task.call(), diagnostics.getDiagnostics());
    }
  }

  private static URLClassLoader loaderOf(Path... outputs) {
    URL[] urls =
        Stream.of(outputs)
            .map(
                p -> {
                  try {
                    return p.toUri().toURL();
                  } catch (MalformedURLException e) {
                    throw new UncheckedIOException(e);
                  }
                })
            .toArray(URL[]::new);
    return new URLClassLoader(urls, CatalogCoexistenceTest.class.getClassLoader());
  }

  @Test
  void modulesWithJobsInTheirOwnPackagesShareOneWorker() throws IOException {
    Path a = dir.resolve("a-classes");
    Path b = dir.resolve("b-classes");
    Result first =
        compile(
            a,
            List.of(),
            List.of(),
            true,
            write("a", "com.shop.orders.Orders", methodJob("com.shop.orders", "Orders", "fulfil")));
    assertThat(first.errors()).isEmpty();
    Result second =
        compile(
            b,
            List.of(a),
            List.of(),
            true,
            write("b", "com.shop.mail.Mail", methodJob("com.shop.mail", "Mail", "send_mail")));
    assertThat(second.errors()).isEmpty();
    assertThat(second.warnings()).isEmpty();
    try (URLClassLoader loader = loaderOf(a, b)) {
      JobCatalog merged = JobCatalog.loadAll(loader);
      assertThat(merged.jobs().stream().map(JobDefinition::name).toList())
          .containsExactly("fulfil", "send_mail");
    }
  }

  @Test
  void aSecondCompilationInTheSamePackageIsAnErrorOnItsJob() throws IOException {
    Path a = dir.resolve("a-classes");
    assertThat(
            compile(
                    a,
                    List.of(),
                    List.of(),
                    true,
                    write("a", "com.shop.Orders", methodJob("com.shop", "Orders", "fulfil")))
                .errors())
        .isEmpty();
    Result second =
        compile(
            dir.resolve("b-classes"),
            List.of(a),
            List.of(),
            true,
            write("b", "com.shop.Mail", methodJob("com.shop", "Mail", "send_mail")));
    assertThat(second.success()).isFalse();
    assertThat(second.errors())
        .containsExactly(Message.GENERATED_CLASS_EXISTS.format("com.shop.Jobs"));
    Diagnostic<? extends JavaFileObject> error = second.diagnostics().get(0);
    assertThat(error.getSource().getName()).endsWith("Mail.java");
    assertThat(error.getLineNumber()).isEqualTo(4L);
  }

  @Test
  void packageOptionNamingAPackageWhereALibraryHasAJobsClass() throws IOException {
    Path library = dir.resolve("lib-classes");
    assertThat(
            compile(
                    library,
                    List.of(),
                    List.of(),
                    false,
                    write("lib", "com.lib.Jobs", "package com.lib;\npublic class Jobs {}\n"))
                .errors())
        .isEmpty();
    Result result =
        compile(
            dir.resolve("app-classes"),
            List.of(library),
            List.of("-Adbq.package=com.lib"),
            true,
            write("app", "com.app.Mail", methodJob("com.app", "Mail", "send_mail")));
    assertThat(result.errors())
        .containsExactly(Message.GENERATED_CLASS_EXISTS.format("com.lib.Jobs"));
  }

  @Test
  void aRebuildIntoItsOwnUncleanedOutputIsNoClash() throws IOException {
    Path out = dir.resolve("classes");
    Path source = write("a", "com.shop.Orders", methodJob("com.shop", "Orders", "fulfil"));
    assertThat(compile(out, List.of(out), List.of(), true, source).errors()).isEmpty();
    // javac's own -Xlint:processing notes that each generated type is already on the class path
    // (build tools delete stale classes before they recompile, so they never see it); dbq adds
    // nothing: its earlier output is not another compilation's
    Result again = compile(out, List.of(out), List.of("-Xlint:-processing"), true, source);
    assertThat(again.warnings()).isEmpty();
    assertThat(again.errors()).isEmpty();
    try (URLClassLoader loader = loaderOf(out)) {
      assertThat(JobCatalog.loadAll(loader).jobs().stream().map(JobDefinition::name).toList())
          .containsExactly("fulfil");
    }
  }

  @Test
  void aJobNameDefinedByTwoCatalogsIsAClearStartUpError() throws IOException {
    Path a = dir.resolve("a-classes");
    Path b = dir.resolve("b-classes");
    assertThat(
            compile(
                    a,
                    List.of(),
                    List.of(),
                    true,
                    write("a", "com.a.Orders", methodJob("com.a", "Orders", "fulfil")))
                .errors())
        .isEmpty();
    assertThat(
            compile(
                    b,
                    List.of(),
                    List.of(),
                    true,
                    write("b", "com.b.Orders", methodJob("com.b", "Orders", "fulfil")))
                .errors())
        .isEmpty();
    try (URLClassLoader loader = loaderOf(a, b)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> JobCatalog.loadAll(loader));
      assertThat(e)
          .hasMessageThat()
          .isEqualTo(
              "job 'fulfil' is defined by two catalogs on the class path, com.a.DbqJobCatalog and"
                  + " com.b.DbqJobCatalog; job names must be unique across every module a worker"
                  + " loads: rename one of the jobs");
    }
  }
}
