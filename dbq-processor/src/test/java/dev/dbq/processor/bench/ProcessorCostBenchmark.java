package dev.dbq.processor.bench;

import dev.dbq.annotation.Job;
import dev.dbq.processor.DbqProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * What the dbq processor adds to a compilation: compiles the same {@value #JOBS} generated
 * {@code @Job} classes with the processor and without it ({@code -proc:none}), alternating, after
 * warm-up runs, and prints the figures. Not a test: run it with
 *
 * <pre>mvn -B -q -pl dbq-processor -am -Pbench -DskipTests verify</pre>
 *
 * <p>(see {@code docs/benchmarks.md}). Arguments: {@code [jobs] [warmups] [runs]}.
 */
public final class ProcessorCostBenchmark {
  static final int JOBS = 500;
  private static final int PACKAGES = 10;

  private ProcessorCostBenchmark() {}

  /** Nanoseconds spent inside {@code DbqProcessor.process} during the last compilation. */
  private static long processNanos;

  /** Delegates to {@link DbqProcessor}, timing its {@code process} calls. */
  private static final class TimedProcessor implements Processor {
    private final DbqProcessor delegate = new DbqProcessor();

    @Override
    public java.util.Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public java.util.Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public javax.lang.model.SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public void init(javax.annotation.processing.ProcessingEnvironment env) {
      delegate.init(env);
    }

    @Override
    public boolean process(
        java.util.Set<? extends javax.lang.model.element.TypeElement> annotations,
        javax.annotation.processing.RoundEnvironment round) {
      long start = System.nanoTime();
      try {
        return delegate.process(annotations, round);
      } finally {
        processNanos += System.nanoTime() - start;
      }
    }

    @Override
    public Iterable<? extends javax.annotation.processing.Completion> getCompletions(
        javax.lang.model.element.Element element,
        javax.lang.model.element.AnnotationMirror annotation,
        javax.lang.model.element.ExecutableElement member,
        String userText) {
      return delegate.getCompletions(element, annotation, member, userText);
    }
  }

  /** What javac does in one measured compilation. */
  private enum Mode {
    /** Compile the jobs and, with the processor, the code it generates. */
    WITH_PROCESSOR,
    /** {@code -proc:none}: compile the jobs only. */
    WITHOUT_PROCESSOR,
    /** {@code -proc:only}: parse, enter and run the processor; compile nothing. */
    PROCESSING_ONLY,
    /**
     * {@code -proc:none} over the jobs plus a copy of what the processor generated: the cost of
     * compiling the generated code, without running the processor.
     */
    PREGENERATED_WITHOUT_PROCESSOR
  }

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : JOBS;
    int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    Path work = Files.createTempDirectory("dbq-bench");
    try {
      List<Path> sources = writeJobs(work.resolve("src"), jobs);
      String classPath =
          String.join(
              java.io.File.pathSeparator,
              location(Job.class),
              location(dev.dbq.runtime.JobDefinition.class),
              location(org.slf4j.Logger.class));
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      compile(javac, sources, classPath, work, Mode.WITH_PROCESSOR);
      List<Path> pregenerated = new ArrayList<>(sources);
      pregenerated.addAll(copyTree(work.resolve("gen"), work.resolve("pregen")));
      for (int i = 0; i < warmups; i++) {
        for (Mode mode : Mode.values()) {
          compile(
              javac,
              mode == Mode.PREGENERATED_WITHOUT_PROCESSOR ? pregenerated : sources,
              classPath,
              work,
              mode);
        }
      }
      List<Long> with = new ArrayList<>();
      List<Long> without = new ArrayList<>();
      List<Long> processingOnly = new ArrayList<>();
      List<Long> pregeneratedOnly = new ArrayList<>();
      List<Long> insideProcess = new ArrayList<>();
      int generated = 0;
      for (int i = 0; i < runs; i++) {
        // alternate, so that drift (other builds on the machine, GC) hits every mode alike
        with.add(compile(javac, sources, classPath, work, Mode.WITH_PROCESSOR));
        insideProcess.add(processNanos / 1_000_000);
        generated = countFiles(work.resolve("gen"));
        without.add(compile(javac, sources, classPath, work, Mode.WITHOUT_PROCESSOR));
        processingOnly.add(compile(javac, sources, classPath, work, Mode.PROCESSING_ONLY));
        pregeneratedOnly.add(
            compile(javac, pregenerated, classPath, work, Mode.PREGENERATED_WITHOUT_PROCESSOR));
      }
      print(jobs, warmups, runs, generated, with, without, processingOnly, pregeneratedOnly);
      System.out.printf(
          Locale.ROOT,
          "  inside DbqProcessor.process (with processor): median %5d ms  %s%n",
          median(insideProcess),
          insideProcess);
    } finally {
      deleteRecursively(work);
    }
  }

  /** One compilation in a fresh output directory; returns its wall time in milliseconds. */
  private static long compile(
      JavaCompiler javac, List<Path> sources, String classPath, Path work, Mode mode)
      throws IOException {
    Path classes = work.resolve("classes");
    Path generated = work.resolve("gen");
    deleteRecursively(classes);
    deleteRecursively(generated);
    Files.createDirectories(classes);
    Files.createDirectories(generated);
    List<String> options =
        new ArrayList<>(
            List.of(
                "--release",
                "17",
                "-classpath",
                classPath,
                "-d",
                classes.toString(),
                "-s",
                generated.toString(),
                "-Xlint:all,-processing",
                "-Werror"));
    if (mode == Mode.WITHOUT_PROCESSOR || mode == Mode.PREGENERATED_WITHOUT_PROCESSOR) {
      options.add("-proc:none");
    } else if (mode == Mode.PROCESSING_ONLY) {
      options.add("-proc:only");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    processNanos = 0;
    long start = System.nanoTime();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources));
      List<Processor> processors =
          mode == Mode.WITH_PROCESSOR || mode == Mode.PROCESSING_ONLY
              ? List.of(new TimedProcessor())
              : List.of();
      task.setProcessors(processors);
      if (!task.call()) {
        throw new IllegalStateException("compilation failed: " + diagnostics.getDiagnostics());
      }
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  /**
   * {@code jobs} job classes over {@value #PACKAGES} packages, each with a record workspace, three
   * steps and a hook.
   */
  private static List<Path> writeJobs(Path root, int jobs) throws IOException {
    List<Path> sources = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      String pkg = "bench.jobs.p" + (i % PACKAGES);
      Path dir = root.resolve(pkg.replace('.', '/'));
      Files.createDirectories(dir);
      String name = "Job" + i;
      String source =
          String.join(
              "\n",
              "package " + pkg + ";",
              "",
              "import dev.dbq.annotation.FailureHook;",
              "import dev.dbq.annotation.Job;",
              "import dev.dbq.annotation.Step;",
              "import dev.dbq.runtime.JobContext;",
              "",
              "@Job(name = \"job_"
                  + i
                  + "\", queue = \"q"
                  + (i % 7)
                  + "\", priority = "
                  + (i % 5)
                  + ")",
              "public class " + name + " {",
              "  public record State(String source, int count) {}",
              "",
              "  @Step(order = 1)",
              "  State fetch(JobContext job, State state) {",
              "    return new State(state.source(), state.count() + 1);",
              "  }",
              "",
              "  @Step(order = 2)",
              "  static void transform(State state) {",
              "    if (state.count() < 0) throw new IllegalStateException(state.source());",
              "  }",
              "",
              "  @Step(order = 3)",
              "  void store(JobContext job) {",
              "    job.logger().info(\"stored\");",
              "  }",
              "",
              "  @FailureHook",
              "  static void failed(JobContext job, Throwable failure) {",
              "    job.logger().warn(\"failed\", failure);",
              "  }",
              "}",
              "");
      Path file = dir.resolve(name + ".java");
      Files.writeString(file, source, StandardCharsets.UTF_8);
      sources.add(file);
    }
    return sources;
  }

  private static void print(
      int jobs,
      int warmups,
      int runs,
      int generated,
      List<Long> with,
      List<Long> without,
      List<Long> processingOnly,
      List<Long> pregenerated) {
    long medianWith = median(with);
    long medianWithout = median(without);
    long overhead = medianWith - medianWithout;
    System.out.printf(
        Locale.ROOT,
        "dbq processor cost: %d @Job classes, %d warm-up + %d measured runs each, %s, %d cores%n",
        jobs,
        warmups,
        runs,
        Runtime.version(),
        Runtime.getRuntime().availableProcessors());
    System.out.printf(
        Locale.ROOT,
        "  without processor (-proc:none): median %5d ms  min %5d ms  max %5d ms  %s%n",
        medianWithout,
        min(without),
        max(without),
        without);
    System.out.printf(
        Locale.ROOT,
        "  with dbq processor:             median %5d ms  min %5d ms  max %5d ms  %s%n",
        medianWith,
        min(with),
        max(with),
        with);
    System.out.printf(
        Locale.ROOT,
        "  processing only (-proc:only):   median %5d ms  min %5d ms  max %5d ms  %s%n",
        median(processingOnly),
        min(processingOnly),
        max(processingOnly),
        processingOnly);
    System.out.printf(
        Locale.ROOT,
        "  jobs + pre-generated sources, -proc:none: median %5d ms  min %5d ms  max %5d ms  %s%n",
        median(pregenerated),
        min(pregenerated),
        max(pregenerated),
        pregenerated);
    System.out.printf(
        Locale.ROOT,
        "  overhead: %d ms (%.1f%%), %.2f ms per job; %d generated sources%n",
        overhead,
        100.0 * overhead / medianWithout,
        (double) overhead / jobs,
        generated);
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static long min(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).min().orElseThrow();
  }

  private static long max(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).max().orElseThrow();
  }

  /** Copies the generated sources aside, so they can be compiled without the processor. */
  private static List<Path> copyTree(Path from, Path to) throws IOException {
    List<Path> copies = new ArrayList<>();
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        Path copy = to.resolve(from.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
        copies.add(copy);
      }
    }
    return copies;
  }

  private static int countFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return (int) files.filter(f -> f.toString().endsWith(".java")).count();
    }
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .sorted(Comparator.reverseOrder())
          .forEach(
              f -> {
                try {
                  Files.delete(f);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
