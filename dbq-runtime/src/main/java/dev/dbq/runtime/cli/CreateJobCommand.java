package dev.dbq.runtime.cli;

import dev.dbq.runtime.EnqueueResult;
import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.WorkspaceException;
import dev.dbq.runtime.internal.MissingWorkspace;
import dev.dbq.runtime.internal.TimeLimits;
import dev.dbq.runtime.internal.UnknownJobMessage;
import dev.dbq.runtime.internal.WorkspaceCodec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dbq create-job NAME}: enqueues one job of a kind the catalog knows, for debugging and
 * operations. Every argument is checked before the database is touched. A unique job
 * ({@code @Unique}) whose key a waiting or running job holds is not created: the command says so,
 * with the existing job's id, and exits 0.
 */
@Command(
    name = "create-job",
    mixinStandardHelpOptions = true,
    description = "Enqueue one job of a kind known to this application's job catalog.")
public final class CreateJobCommand implements Callable<Integer> {
  @ParentCommand private RootCommand root;

  @Parameters(index = "0", paramLabel = "NAME", description = "The job name, e.g. import_cats.")
  private String name;

  @Option(
      names = {"--queue-name", "--queue_name"},
      paramLabel = "Q",
      description = "The queue to put it in (default: the job's own queue).")
  private String queue;

  @Option(
      names = "--workspace",
      paramLabel = "JSON",
      description = "The initial workspace, a JSON object (default: {}).")
  private String workspace;

  @Option(
      names = "--priority",
      paramLabel = "N",
      description = "Priority, -32768..32767; higher runs first (default: the job's own).")
  private Integer priority;

  @Option(
      names = {"--run-after", "--run_after"},
      paramLabel = "ISO-8601",
      description = "Earliest start, e.g. 2026-12-01T09:00:00Z.")
  private String runAfter;

  @Override
  public Integer call() {
    CliContext cli = root.context();
    JobDefinition definition =
        cli.catalog()
            .job(name)
            .orElseThrow(() -> new BadInputException(UnknownJobMessage.of(name, cli.catalog())));
    if (workspace == null && definition.workspaceType().isPresent()) {
      throw new BadInputException(MissingWorkspace.of(definition) + "; pass --workspace JSON");
    }
    CliJobBuilder job = new CliJobBuilder(definition);
    try {
      if (queue != null) {
        job.queue(queue);
      }
      if (priority != null) {
        job.priority(priority);
      }
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    if (runAfter != null) {
      job.runAfter(parseInstant(runAfter));
    }
    if (workspace != null) {
      job.workspace(parseWorkspace(definition, workspace));
    }
    EnqueueResult result = job.submit(cli.dbq());
    String queueName = queue != null ? queue : definition.queue();
    if (result.duplicate()) {
      // not an error: the work the caller asked for is already waiting or running
      cli.out()
          .printf(
              "Duplicate job: \"%s\", id=%s already holds its unique key; nothing created for"
                  + " queue \"%s\"%n",
              name, result.id(), queueName);
    } else {
      cli.out()
          .printf("Created job: \"%s\", id=%s for queue \"%s\"%n", name, result.id(), queueName);
    }
    return 0;
  }

  private static Object parseWorkspace(JobDefinition definition, String json) {
    try {
      // exactly one object whose every value jsonb stores as given, then bound as the job's type
      WorkspaceCodec.parseGiven(json);
      Object workspace = WorkspaceCodec.read(json, definition.workspaceType().orElse(null));
      // a typed workspace must also write back as storable JSON (a double bound from 1e400 is
      // Infinity): refused here, before anything is written
      WorkspaceCodec.toJson(workspace);
      return workspace;
    } catch (WorkspaceException e) {
      throw new BadInputException("--workspace: " + e.getMessage());
    }
  }

  private static Instant parseInstant(String text) {
    Instant instant;
    try {
      instant = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadInputException(
          "--run-after '"
              + text
              + "' is not an ISO-8601 date-time with an offset, e.g. 2026-12-01T09:00:00Z");
    }
    if (instant.isBefore(TimeLimits.EARLIEST_RUN_AFTER)
        || instant.isAfter(TimeLimits.LATEST_RUN_AFTER)) {
      throw new BadInputException(
          "--run-after '"
              + text
              + "' is outside the years 1 to 9999 that dbq stores: give a time from "
              + TimeLimits.EARLIEST_RUN_AFTER
              + " to "
              + TimeLimits.LATEST_RUN_AFTER);
    }
    return instant;
  }
}
