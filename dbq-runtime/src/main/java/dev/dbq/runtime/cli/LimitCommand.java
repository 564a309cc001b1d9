package dev.dbq.runtime.cli;

import dev.dbq.runtime.QueueInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dbq limit QUEUE N}: at most N of the queue's jobs run at once across every worker; {@code
 * dbq limit QUEUE --none} removes the limit.
 */
@Command(
    name = "limit",
    mixinStandardHelpOptions = true,
    description =
        "Cap how many of a queue's jobs run at once (PROCESSING or STOPPING), across every worker"
            + " of every process; --none removes the cap. Lowering it stops no running job.")
public final class LimitCommand implements Callable<Integer> {
  @ParentCommand private RootCommand root;

  @Parameters(index = "0", paramLabel = "QUEUE", description = "The queue.")
  private String queue;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "N",
      description = "The most of its jobs that run at once, 1.." + Integer.MAX_VALUE + ".")
  private String limit;

  @Option(names = "--none", description = "Remove the queue's limit instead.")
  private boolean none;

  @Override
  public Integer call() {
    String name = QueueArguments.name(queue);
    if (none == (limit != null)) {
      throw new BadInputException(
          none
              ? "give N or --none, not both (got N=" + limit + " and --none)"
              : "give the limit N (1.." + Integer.MAX_VALUE + "), or --none to remove it");
    }
    CliContext cli = root.context();
    if (none) {
      cli.dbq().queues().removeLimit(name);
      cli.out().printf("event=queue_limit_removed queue=%s%n", name);
      return 0;
    }
    int n = parsed(limit);
    cli.dbq().queues().limit(name, n);
    QueueInfo info = cli.dbq().queues().get(name);
    cli.out().printf("event=queue_limited queue=%s limit=%d running=%d%n", name, n, info.running());
    return 0;
  }

  private static int parsed(String text) {
    int n;
    try {
      n = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new BadInputException(
          "N must be a whole number from 1 to " + Integer.MAX_VALUE + ", was '" + text + "'");
    }
    if (n < 1) {
      throw new BadInputException(
          "N must be at least 1 (use --none to remove the limit, pause to stop the queue), was "
              + n);
    }
    return n;
  }
}
