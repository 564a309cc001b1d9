package dev.dbq.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code dbq migrate}: applies the schema migrations not yet applied. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = "Create or upgrade the dbq tables in the database named by DBQ_JDBC_URL.")
public final class MigrateCommand implements Callable<Integer> {
  @ParentCommand private RootCommand root;

  @Override
  public Integer call() {
    CliContext cli = root.context();
    cli.dbq().migrate();
    cli.out().println("event=migrated");
    return 0;
  }
}
