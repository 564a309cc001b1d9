package dev.dbq.runtime;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's PgBouncer ({@code /usr/sbin/pgbouncer}, or {@code -Ddbq.pgbouncer=PATH}) started on
 * 127.0.0.1 and a free port in transaction pooling mode, in front of the test server that {@code
 * DBQ_TEST_JDBC_URL} names (every database of it, under its own name), with an ini and an auth file
 * of its own in a temporary directory; stopped after the class. Registered as
 * {@code @RegisterExtension static final PgBouncer bouncer = new PgBouncer();}. Without pgbouncer
 * the tests are skipped with a message, unless {@code DBQ_PGBOUNCER_TESTS=required} (as {@code
 * .ci/run} sets it): then they fail.
 */
final class PgBouncer implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {
  static final Path BINARY = Path.of(System.getProperty("dbq.pgbouncer", "/usr/sbin/pgbouncer"));
  private static final Duration START_BOUND = Duration.ofSeconds(20);
  private static final Pattern HOST_PORT =
      Pattern.compile("^jdbc:postgresql://([^/:?]+)(?::(\\d+))?/([^?]*)(\\?.*)?$");

  private Path directory;
  private Process process;
  private int port;

  /** Skips the tests, saying why, when pgbouncer is missing, unless they are required. */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (Files.isExecutable(BINARY)) {
      return ConditionEvaluationResult.enabled("pgbouncer is installed");
    }
    String message =
        "the PgBouncer tests need Debian's pgbouncer (" + BINARY + "): apt-get install pgbouncer";
    if ("required".equals(System.getenv("DBQ_PGBOUNCER_TESTS"))) {
      throw new IllegalStateException("DBQ_PGBOUNCER_TESTS=required, but " + message);
    }
    return ConditionEvaluationResult.disabled("skipped: " + message);
  }

  /** Starts pgbouncer in front of the server a fresh test database lives on. */
  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    // the server of the test databases: DBQ_TEST_JDBC_URL's, or the embedded one
    String server;
    try (TestDatabase probe = TestDatabase.create()) {
      server = probe.url();
    }
    Matcher m = HOST_PORT.matcher(server);
    if (!m.matches()) {
      throw new IllegalStateException("cannot read host and port of " + server);
    }
    String host = m.group(1).equals("localhost") ? "127.0.0.1" : m.group(1);
    String serverPort = m.group(2) == null ? "5432" : m.group(2);
    port = freePort();
    directory = Files.createTempDirectory("dbq-pgbouncer-");
    // pgbouncer refuses to run as root: it is started as postgres then, who must read and write
    // here
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path users = directory.resolve("users.txt");
    Files.writeString(users, "\"postgres\" \"\"\n", StandardCharsets.UTF_8);
    Path ini = directory.resolve("pgbouncer.ini");
    Files.writeString(
        ini,
        String.join(
            "\n",
            "[databases]",
            "* = host=" + host + " port=" + serverPort,
            "[pgbouncer]",
            "listen_addr = 127.0.0.1",
            "listen_port = " + port,
            "unix_socket_dir =",
            "auth_type = trust",
            "auth_file = " + users,
            "pool_mode = transaction",
            "max_client_conn = 500",
            "default_pool_size = 20",
            "ignore_startup_parameters = extra_float_digits",
            "logfile = " + directory.resolve("pgbouncer.log"),
            "pidfile = " + directory.resolve("pgbouncer.pid"),
            ""),
        StandardCharsets.UTF_8);
    for (Path p : List.of(users, ini)) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
    }
    List<String> command = new ArrayList<>(List.of(BINARY.toString()));
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("-u", "postgres"));
    }
    command.add(ini.toString());
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("stdout.log").toFile())
            .start();
    String probeUrl = url(TestDatabase.withDatabase(server, "postgres"));
    try {
      Await.untilThroughFailures(
          "pgbouncer accepting on 127.0.0.1:" + port,
          () -> {
            if (!process.isAlive()) {
              throw new IllegalStateException("pgbouncer exited: " + log());
            }
            DriverManager.getConnection(probeUrl).close();
            return true;
          },
          START_BOUND);
    } catch (Throwable e) {
      stop();
      throw e;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stop();
  }

  /**
   * @param directUrl a test database's URL
   * @return the URL of the same database through this pgbouncer
   */
  String url(String directUrl) {
    Matcher m = HOST_PORT.matcher(directUrl);
    if (!m.matches()) {
      throw new IllegalArgumentException("cannot read host and port of " + directUrl);
    }
    return "jdbc:postgresql://127.0.0.1:"
        + port
        + "/"
        + m.group(3)
        + (m.group(4) == null ? "" : m.group(4));
  }

  private void stop() throws IOException, InterruptedException {
    if (process != null) {
      process.destroy(); // SIGTERM: pgbouncer shuts down at once
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      process = null;
    }
    if (directory != null) {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
      directory = null;
    }
  }

  private String log() {
    try {
      Path log = directory.resolve("pgbouncer.log");
      Path out = directory.resolve("stdout.log");
      return (Files.exists(out) ? Files.readString(out) : "")
          + (Files.exists(log) ? Files.readString(log) : "");
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
