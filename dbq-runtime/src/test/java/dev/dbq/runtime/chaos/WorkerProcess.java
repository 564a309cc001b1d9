package dev.dbq.runtime.chaos;

import dev.dbq.runtime.ChaosWorkerMain;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A worker in a process of its own ({@link ChaosWorkerMain}), started with the test's class path,
 * its output in {@code target/chaos/NAME.log}. Closing it kills it if it still runs.
 */
final class WorkerProcess implements AutoCloseable {
  private static final Path LOGS = Path.of("target", "chaos");

  private final Process process;
  private final String name;

  private WorkerProcess(Process process, String name) {
    this.process = process;
    this.name = name;
  }

  /**
   * @param name names the log file
   * @param url the database
   * @param stepMillis how long each step works
   * @param workerArgs the worker command's arguments
   */
  static WorkerProcess start(String name, String url, long stepMillis, String... workerArgs)
      throws IOException {
    List<String> args = new ArrayList<>();
    args.add(url);
    args.add(Long.toString(stepMillis));
    args.addAll(List.of(workerArgs));
    return startMain(name, ChaosWorkerMain.class.getName(), args);
  }

  /**
   * @param name names the log file
   * @param mainClass the process's main class, on the test's class path
   * @param args its arguments
   */
  static WorkerProcess startMain(String name, String mainClass, List<String> args)
      throws IOException {
    Files.createDirectories(LOGS);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(new File(LOGS.toFile(), name + ".log"))
            .start();
    return new WorkerProcess(p, name);
  }

  long pid() {
    return process.pid();
  }

  String name() {
    return name;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Whether the log shows a thread that died of an uncaught exception. */
  boolean logShowsADeadThread() throws IOException {
    return Files.readString(LOGS.resolve(name + ".log")).contains("Exception in thread");
  }

  /** SIGKILL: no shutdown hook, no hand-back; its leases must lapse. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: the graceful stop. */
  void terminate() {
    process.destroy();
  }

  /** Waits for the exit, at most {@code seconds}; returns the exit code or null on timeout. */
  Integer awaitExit(long seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : null;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
