package dev.dbq.runtime;

import dev.dbq.runtime.cli.CliLogging;
import dev.dbq.runtime.cli.WorkerCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * A worker process for {@link WorkerOutputTest}: the worker command as {@link DbqWorker#main} runs
 * it (logging prepared first), with three jobs: {@code broken} fails, {@code greet} logs through
 * its job logger, {@code held} runs until the file named by its workspace's {@code release} exists.
 *
 * <p>Arguments: the JDBC URL, then the worker command's own.
 */
public final class OutputWorkerMain {
  private static final long HOLD_LIMIT_NANOS = 60_000_000_000L;

  private OutputWorkerMain() {}

  public static void main(String[] args) {
    String url = args[0];
    JobCatalog catalog =
        JobCatalog.of(
            JobDefinition.builder("broken")
                .step(
                    "only",
                    call -> {
                      throw new IllegalStateException("boom");
                    })
                .build(),
            JobDefinition.builder("greet")
                .step(
                    "only",
                    call -> {
                      call.context().logger().info("hello from {}", call.context().name());
                      return null;
                    })
                .build(),
            JobDefinition.builder("held").step("only", OutputWorkerMain::hold).build());
    CliLogging.prepare();
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    System.exit(
        WorkerCommand.commandLine(new WorkerCommand(() -> Dbq.connect(url), () -> catalog))
            .execute(rest));
  }

  /** Runs until the test releases it: the step's own work, bounded. */
  private static Object hold(Invocation call) {
    Path release = Path.of((String) call.context().workspace().get("release"));
    long deadline = System.nanoTime() + HOLD_LIMIT_NANOS;
    while (!Files.exists(release) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(10_000_000L);
    }
    return null;
  }
}
