package dev.dbq.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a child's CPU went, thread by thread, with {@code -Dbench.threadCpu=true} in {@code
 * bench.childJvm}: the CPU time of every native thread of this process (from {@code
 * /proc/self/task}, so the JIT compilers and the garbage collector are counted too, which a Java
 * profiler's samples leave out), taken at the drain's start and at its end, and printed as one line
 * per thread group (a worker's by role, {@code worker slot} for its eight slots; the VM's with
 * their numbers stripped) in microseconds per job. A diagnostic: the figures of the table do not
 * use it.
 */
final class ThreadCpu {
  static final String PROPERTY = "bench.threadCpu";

  private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux
  private static Map<String, Long> atStart = Map.of();

  private ThreadCpu() {}

  static void start() {
    if (Boolean.getBoolean(PROPERTY)) {
      atStart = snapshot();
      // a mark in the child's output, to tell the drain's log lines (-XX:+PrintCompilation) apart
      System.out.println("thread CPU: the measured drain starts");
    }
  }

  /** Prints each thread group's CPU since {@link #start()}, per job, largest first. */
  static void print(long jobs) {
    if (!Boolean.getBoolean(PROPERTY)) {
      return;
    }
    Map<String, Long> now = snapshot();
    Map<String, Long> groups = new TreeMap<>();
    long total = 0;
    for (Map.Entry<String, Long> e : now.entrySet()) {
      long spent = e.getValue() - atStart.getOrDefault(e.getKey(), 0L);
      groups.merge(e.getKey().substring(e.getKey().indexOf(' ') + 1), spent, Long::sum);
      total += spent;
    }
    double microsPerNano = 1e-3;
    System.out.printf(
        Locale.ROOT,
        "thread CPU over the drain: %.1f us/job in all%n",
        total * microsPerNano / jobs);
    groups.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e ->
                System.out.printf(
                    Locale.ROOT,
                    "  %-24s %6.1f us/job%n",
                    e.getKey(),
                    e.getValue() * microsPerNano / jobs));
  }

  /**
   * @return the CPU time so far of the JIT's compiler threads ({@code C1 CompilerThread0}, ...), in
   *     nanoseconds: work a fresh process does once, which a drain of 50,000 jobs still catches
   */
  static long compilerNanos() {
    long ticks = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
            ticks += ticks(Files.readString(task.resolve("stat")));
          }
        } catch (IOException | RuntimeException gone) {
          // the thread ended between the listing and the read
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/self/task", e);
    }
    return ticks * 1_000_000_000L / TICKS_PER_SECOND;
  }

  /** User and system ticks from a {@code /proc/.../stat} line: its 14th and 15th fields. */
  private static long ticks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /**
   * CPU nanoseconds by "id group": Java threads from the thread MXBean (their names in full), the
   * VM's own (compilers, collector) from {@code /proc/self/task}, whose names Linux cuts to 15
   * characters, so a Java thread's entry there is skipped when its cut name is a Java thread's.
   */
  private static Map<String, Long> snapshot() {
    Map<String, Long> nanos = new HashMap<>();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Set<String> javaNames = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      long cpu = threads.getThreadCpuTime(t.getId());
      String name = t.getName();
      javaNames.add(name.length() > 15 ? name.substring(0, 15) : name);
      if (cpu > 0) {
        nanos.put("j" + t.getId() + " " + group(name), cpu);
      }
    }
    javaNames.add("java"); // the launcher's thread, which runs main
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String name = Files.readString(task.resolve("comm")).strip();
          if (javaNames.contains(name)) {
            continue;
          }
          nanos.put(
              "n" + task.getFileName() + " VM " + name.replaceAll("[0-9]+", "#"),
              ticks(Files.readString(task.resolve("stat"))) * 1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException gone) {
          // the thread ended between the listing and the read
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/self/task", e);
    }
    return nanos;
  }

  /** A worker's threads by their role ({@code slot}, {@code claim}), others digits stripped. */
  private static String group(String name) {
    Matcher worker = WORKER_THREAD.matcher(name);
    return worker.matches() ? "worker " + worker.group(1) : name.replaceAll("[0-9]+", "#");
  }

  private static final Pattern WORKER_THREAD = Pattern.compile("dbq-worker-.*?-([a-z]+)(-[0-9]+)?");
}
