package dev.dbq.runtime.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL server binaries a test runs clusters of its own with ({@code initdb}, {@code
 * pg_ctl}, {@code pg_basebackup}): Debian's {@code /usr/lib/postgresql/15/bin}, or the directory
 * that {@code -Ddbq.pgbin=DIR} or {@code DBQ_PG_BIN} names. Without them the test is skipped with a
 * message, unless {@code DBQ_FAILOVER_TESTS=required} (as {@code .ci/run} sets it): then it fails.
 * As root, the clusters run as {@code postgres} through {@code runuser}, which must be there too.
 */
final class ServerBinaries implements ExecutionCondition {
  static final Path DIRECTORY =
      Path.of(
          System.getProperty(
              "dbq.pgbin",
              Objects.requireNonNullElse(
                  System.getenv("DBQ_PG_BIN"), "/usr/lib/postgresql/15/bin")));
  static final Path RUNUSER = Path.of("/usr/sbin/runuser");
  static final String SERVER_USER = "postgres";

  static boolean asRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  static Path binary(String name) {
    return DIRECTORY.resolve(name);
  }

  /** A command line of the server's binaries, run as {@value #SERVER_USER} when we are root. */
  static List<String> command(String binary, List<String> args) {
    List<String> command = new ArrayList<>();
    if (asRoot()) {
      command.addAll(List.of(RUNUSER.toString(), "-u", SERVER_USER, "--"));
    }
    command.add(binary(binary).toString());
    command.addAll(args);
    return command;
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    List<Path> needed = new ArrayList<>();
    for (String name : List.of("initdb", "pg_ctl", "pg_basebackup")) {
      needed.add(binary(name));
    }
    if (asRoot()) {
      needed.add(RUNUSER);
    }
    List<Path> missing = needed.stream().filter(p -> !Files.isExecutable(p)).toList();
    if (missing.isEmpty()) {
      return ConditionEvaluationResult.enabled("the PostgreSQL server binaries are installed");
    }
    String message =
        "the failover test runs clusters of its own and needs "
            + missing
            + ": apt-get install postgresql (or name their directory with DBQ_PG_BIN)";
    if ("required".equals(System.getenv("DBQ_FAILOVER_TESTS"))) {
      throw new IllegalStateException("DBQ_FAILOVER_TESTS=required, but " + message);
    }
    return ConditionEvaluationResult.disabled("skipped: " + message);
  }
}
