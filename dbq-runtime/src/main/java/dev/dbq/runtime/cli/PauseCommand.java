package dev.dbq.runtime.cli;

import dev.dbq.runtime.QueueInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dbq pause QUEUE...}: workers claim no more of the queues' jobs and finish what they hold;
 * prints one line per queue with what still waits and what still runs.
 */
@Command(
    name = "pause",
    mixinStandardHelpOptions = true,
    description =
        "Pause queues: their waiting jobs stay waiting, workers finish the jobs they hold and claim"
            + " no more (undo with resume).")
public final class PauseCommand implements Callable<Integer> {
  @ParentCommand private RootCommand root;

  @Parameters(arity = "1..*", paramLabel = "QUEUE", description = "The queues to pause.")
  private List<String> queues = new ArrayList<>();

  @Override
  public Integer call() {
    List<String> names = QueueArguments.names(queues);
    CliContext cli = root.context();
    cli.dbq().queues().pause(names);
    for (String name : names) {
      QueueInfo queue = cli.dbq().queues().get(name);
      cli.out()
          .printf(
              "event=queue_paused queue=%s waiting=%d running=%d%n",
              name, queue.waiting(), queue.running());
    }
    return 0;
  }
}
