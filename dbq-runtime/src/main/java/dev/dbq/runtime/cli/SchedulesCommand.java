package dev.dbq.runtime.cli;

import dev.dbq.runtime.ScheduleInfo;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dbq schedules}: one line per recurring schedule the workers registered: its job, cron and
 * zone, its next fire time, its latest fire time and what became of it.
 */
@Command(
    name = "schedules",
    mixinStandardHelpOptions = true,
    description =
        "List each recurring schedule with its next fire time and its last run's outcome.")
public final class SchedulesCommand implements Callable<Integer> {
  @ParentCommand private RootCommand root;

  @Override
  public Integer call() {
    CliContext cli = root.context();
    for (ScheduleInfo s : cli.dbq().schedules()) {
      cli.out()
          .println(
              "event=schedule job="
                  + s.jobName()
                  + " cron=\""
                  + s.cron()
                  + "\" zone="
                  + s.zone().getId()
                  + " next="
                  + text(s.nextFireTime())
                  + " last="
                  + text(s.lastFireTime())
                  + " last_outcome="
                  + s.lastOutcome()
                  + s.lastJob().map(id -> " last_job=" + id).orElse(""));
    }
    return 0;
  }

  private static String text(Optional<Instant> instant) {
    return instant.map(Instant::toString).orElse("none");
  }
}
