package dev.dbq.example;

import dev.dbq.runtime.DbqCli;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar dbq-example.jar}: runs the demo. With arguments it is the dbq command line
 * ({@code java -jar dbq-example.jar queue-depth imports mail}).
 *
 * <p>The database is {@code DBQ_JDBC_URL} when set; otherwise an embedded PostgreSQL whose data is
 * kept in {@code ./dbq-data}.
 */
public final class ExampleApp {
  /** Where the embedded PostgreSQL keeps its data, under the working directory. */
  static final Path DATA_DIRECTORY = Path.of("dbq-data");

  private static final Set<String> NO_DATABASE = Set.of("--help", "-h", "--version", "-V");

  private ExampleApp() {}

  /**
   * Runs the demo, or a command when arguments are given.
   *
   * @param args empty for the demo, else a {@link DbqCli} command line
   */
  public static void main(String[] args) {
    System.exit(run(System.getenv(), System.out, DATA_DIRECTORY, args));
  }

  static int run(
      Map<String, String> environment, PrintStream out, Path dataDirectory, String... args) {
    String url = environment.get("DBQ_JDBC_URL");
    if (List.of(args).stream().anyMatch(NO_DATABASE::contains)) {
      return DbqCli.run(environment, args); // help and version need no database
    }
    if (url != null && !url.isBlank()) {
      return args.length == 0 ? Demo.run(environment, out) : DbqCli.run(args);
    }
    out.println(
        "DBQ_JDBC_URL is not set: starting an embedded PostgreSQL with its data in "
            + dataDirectory.toAbsolutePath()
            + " (delete the folder to start afresh)");
    try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDirectory.toAbsolutePath())) {
      Map<String, String> withDatabase = new HashMap<>(environment);
      withDatabase.put("DBQ_JDBC_URL", database.jdbcUrl());
      return args.length == 0 ? Demo.run(withDatabase, out) : DbqCli.run(withDatabase, args);
    }
  }
}
