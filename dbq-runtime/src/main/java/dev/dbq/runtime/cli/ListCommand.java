package dev.dbq.runtime.cli;

import dev.dbq.runtime.JobPage;
import dev.dbq.runtime.JobQuery;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dbq list}: one page of jobs in the order workers claim them, as an aligned table or as
 * JSON lines; {@code --after} continues where an earlier page said the next one starts.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "List jobs, highest priority first, then oldest (the order workers claim them), as a"
            + " table or, with --json, one JSON object per line.")
public final class ListCommand implements Callable<Integer> {
  @ParentCommand private RootCommand root;

  @Mixin private JobFilterOptions filters;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description =
          "At most N jobs, 1.." + JobQuery.MAX_PAGE_SIZE + " (default: ${DEFAULT-VALUE}).")
  private int limit = JobQuery.DEFAULT_PAGE_SIZE;

  @Option(
      names = "--after",
      paramLabel = "CURSOR",
      description = "Start after this position, as an earlier page printed it.")
  private String after;

  @Option(names = "--json", description = "One JSON object per job and line instead of a table.")
  private boolean json;

  @Override
  public Integer call() {
    CliContext cli = root.context();
    if (limit < 1 || limit > JobQuery.MAX_PAGE_SIZE) {
      throw new BadInputException(
          "--limit must be between 1 and " + JobQuery.MAX_PAGE_SIZE + ", was " + limit);
    }
    filters.check();
    JobQuery query = filters.applyTo(cli.dbq().jobs()).pageSize(limit);
    JobPage page;
    try {
      // the cursor is read before a connection is taken
      page = query.page(after);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--after " + e.getMessage());
    }
    if (json) {
      page.jobs().forEach(job -> cli.out().println(JobJson.line(job)));
      page.next().ifPresent(next -> cli.err().println("next page: --after " + next));
    } else {
      JobTable.print(cli.out(), page.jobs());
      page.next().ifPresent(next -> cli.out().println("next page: --after " + next));
    }
    return 0;
  }
}
