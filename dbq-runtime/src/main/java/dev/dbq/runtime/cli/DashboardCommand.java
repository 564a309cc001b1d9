package dev.dbq.runtime.cli;

import dev.dbq.runtime.Dbq;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code dbq dashboard --port N [--bind ADDR] [--allow-writes]}: serves the web dashboard of {@code
 * dbq-dashboard} (loaded by name: {@link DashboardEndpoint}) until the process is stopped
 * (SIGINT/SIGTERM). It binds {@code 127.0.0.1} unless told otherwise, since it has no login of its
 * own, and is read-only unless {@code --allow-writes} is given. Prints {@code
 * event=dashboard_started url=http://ADDR:PORT/ writes=false} once it serves.
 */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description =
        "Serve the web dashboard (needs dbq-dashboard on the class path) until stopped; read-only"
            + " unless --allow-writes.")
public final class DashboardCommand implements Runnable {
  static final String DEFAULT_BIND = "127.0.0.1";

  @ParentCommand private RootCommand root;
  @Spec private CommandSpec spec;

  @Option(
      names = "--port",
      required = true,
      paramLabel = "N",
      description = "The port to serve on (0: any free port, printed).")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      description =
          "The address to bind (default: ${DEFAULT-VALUE}, this machine only; the dashboard has no"
              + " login of its own).",
      defaultValue = DEFAULT_BIND)
  String bind;

  @Option(
      names = "--allow-writes",
      description = "Allow actions (retry, cancel, delete, run now, pause, resume, limit).")
  boolean allowWrites;

  @Override
  public void run() {
    try {
      DashboardEndpoint.check(port);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    CliContext cli = root.context();
    Dbq dbq;
    try {
      dbq = cli.dbq();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    DashboardEndpoint.Running running;
    try {
      running = DashboardEndpoint.start(bind, port, dbq, allowWrites);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              running.stop();
              stopped.countDown();
            },
            "dbq-dashboard-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    String host = bind.contains(":") ? "[" + bind + "]" : bind;
    cli.out()
        .printf(
            "event=dashboard_started url=http://%s:%d/ writes=%s%n",
            host, running.port(), allowWrites);
    cli.out().flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.stop();
    }
  }
}
