package dev.dbq.runtime.cli;

import dev.dbq.runtime.QueueInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code dbq resume QUEUE...}: paused queues run again; idle workers are notified at once. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description =
        "Resume paused queues: idle workers are notified and claim their jobs within"
            + " milliseconds.")
public final class ResumeCommand implements Callable<Integer> {
  @ParentCommand private RootCommand root;

  @Parameters(arity = "1..*", paramLabel = "QUEUE", description = "The queues to resume.")
  private List<String> queues = new ArrayList<>();

  @Override
  public Integer call() {
    List<String> names = QueueArguments.names(queues);
    CliContext cli = root.context();
    cli.dbq().queues().resume(names);
    for (String name : names) {
      QueueInfo queue = cli.dbq().queues().get(name);
      cli.out().printf("event=queue_resumed queue=%s waiting=%d%n", name, queue.waiting());
    }
    return 0;
  }
}
