package dev.dbq.runtime.cli;

import dev.dbq.runtime.DbqWorker;
import dev.dbq.runtime.internal.NamingRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dbq queue-depth}: prints the waiting jobs of the named queues on one line, 0 for a queue
 * with none (as the seed does: a misspelled queue reads 0); with {@code --all}, every queue that
 * has waiting jobs, by name.
 */
@Command(
    name = "queue-depth",
    mixinStandardHelpOptions = true,
    description = "Print how many jobs wait (NEW or READY) in each named queue.")
public final class QueueDepthCommand implements Callable<Integer> {
  @ParentCommand private RootCommand root;

  @Parameters(
      arity = "0..*",
      paramLabel = "QUEUE",
      description = "Queues to report (default: " + DbqWorker.DEFAULT_QUEUE + ").")
  private List<String> queues = new ArrayList<>();

  @Option(
      names = {"--exclude-future-jobs", "--exclude_future_jobs"},
      description = "Leave out jobs whose run-after time is still in the future.")
  private boolean excludeFutureJobs;

  @Option(
      names = "--all",
      description = "Report every queue that has waiting jobs instead of named ones.")
  private boolean all;

  @Override
  public Integer call() {
    CliContext cli = root.context();
    if (all && !queues.isEmpty()) {
      throw new BadInputException(
          "--all reports every queue: give it or queue names, not both (got " + queues + ")");
    }
    if (all) {
      StringBuilder line = new StringBuilder("event=queue_depths");
      new TreeMap<>(cli.dbq().queueDepths(excludeFutureJobs))
          .forEach((queue, depth) -> line.append(' ').append(queue).append('=').append(depth));
      cli.out().println(line);
      return 0;
    }
    List<String> names = queues.isEmpty() ? List.of(DbqWorker.DEFAULT_QUEUE) : queues;
    for (String queue : names) {
      if (!NamingRules.isValidName(queue)) {
        throw new BadInputException(rejected(queue));
      }
    }
    Map<String, Long> depths = cli.dbq().queueDepths(excludeFutureJobs);
    StringBuilder line = new StringBuilder("event=queue_depths");
    for (String queue : names) {
      line.append(' ').append(queue).append('=').append(depths.getOrDefault(queue, 0L));
    }
    cli.out().println(line);
    return 0;
  }

  private static String rejected(String queue) {
    try {
      NamingRules.checkQueueName(queue);
      return "queue name '" + queue + "' is invalid";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
