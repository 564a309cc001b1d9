package dev.dbq.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@code java} process on this process's class path running {@link BenchChild}. It talks over its
 * standard streams: lines {@code READY}, {@code RESULT k=v ...}, and data lines passed to a
 * consumer; the parent writes {@code GO} and {@code STOP}.
 */
final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final Writer in;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final CountDownLatch ended = new CountDownLatch(1);
  private final CountDownLatch resulted = new CountDownLatch(1);
  private final Map<String, String> result = new HashMap<>();

  /**
   * The defaults column's JVM options: none, unless {@code -Dbench.defaultsJvm="..."} adds some (to
   * look inside, e.g. {@code -Xlog:gc}; the figures are for none).
   */
  static List<String> defaultsJvm() {
    String o = System.getProperty("bench.defaultsJvm", "").strip();
    return o.isEmpty() ? List.of() : List.of(o.split("\\s+"));
  }

  private ChildProcess(Process process, Consumer<String> dataLines) {
    this.process = process;
    this.in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.equals("READY")) {
                    ready.countDown();
                  } else if (line.startsWith("RESULT ")) {
                    synchronized (result) {
                      for (String kv : line.substring(7).split(" ")) {
                        int eq = kv.indexOf('=');
                        result.put(kv.substring(0, eq), kv.substring(eq + 1));
                      }
                    }
                    resulted.countDown();
                  } else if (line.startsWith("D ")) {
                    dataLines.accept(line.substring(2));
                  } else {
                    System.out.println("  [child] " + line);
                  }
                }
              } catch (IOException e) {
                System.out.println("  [child] output lost: " + e);
              } finally {
                ended.countDown();
              }
            },
            "bench-child-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code BenchChild <args>} with the given JVM options. */
  static ChildProcess start(List<String> jvmOptions, Consumer<String> dataLines, String... args)
      throws IOException {
    return start(jvmOptions, Map.of(), dataLines, args);
  }

  /**
   * Starts {@code BenchChild <args>} with the given JVM options and environment variables beside
   * {@code DBQ_JDBC_URL} (which they may replace).
   */
  static ChildProcess start(
      List<String> jvmOptions,
      Map<String, String> environment,
      Consumer<String> dataLines,
      String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BenchChild.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    // the command-line worker's database, as a user gives it
    pb.environment().put("DBQ_JDBC_URL", BenchDatabase.url());
    pb.environment().putAll(environment);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    return new ChildProcess(pb.start(), dataLines);
  }

  void awaitReady() throws InterruptedException {
    ready.await();
  }

  /**
   * Waits for {@code READY}, at most {@code bound}.
   *
   * @throws IllegalStateException when the child exits first or the bound passes
   */
  void awaitReady(Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!ready.await(100, TimeUnit.MILLISECONDS)) {
      if (ended.getCount() == 0) {
        throw new IllegalStateException("child " + pid() + " exited before it was ready");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("child " + pid() + " not ready after " + bound);
      }
    }
  }

  /**
   * Waits at most {@code millis} for the child's {@code RESULT} line (or the end of its output);
   * true when it came. The child may still be running: see {@link #result()}.
   */
  boolean awaitResultLine(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!resulted.await(10, TimeUnit.MILLISECONDS)) {
      if (ended.getCount() == 0) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
    }
    return true;
  }

  /** The RESULT values received so far. */
  Map<String, String> result() {
    synchronized (result) {
      return Map.copyOf(result);
    }
  }

  void send(String line) throws IOException {
    in.write(line + "\n");
    in.flush();
  }

  long pid() {
    return process.pid();
  }

  /** Waits for the child to exit and returns its RESULT values. */
  Map<String, String> awaitResult() throws InterruptedException {
    ended.await();
    process.waitFor();
    synchronized (result) {
      return Map.copyOf(result);
    }
  }

  /** Peak resident set size of a live process, from {@code /proc/<pid>/status} VmHWM, in KiB. */
  static long peakRssKib(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  @Override
  public void close() {
    process.destroy();
  }
}
