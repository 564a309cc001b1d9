package dev.dbq.runtime.chaos;

import dev.dbq.runtime.Await;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A PostgreSQL server that one scenario owns and may stop, restart or starve (never the shared
 * server): the embedded binaries, a data directory under {@code target/chaos}, a fixed port, so
 * that a restart brings back the same server at the same address.
 */
final class OwnedPostgres implements AutoCloseable {
  // far above a normal start, for a machine busy with workers (the library's default is 10 s)
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

  private final Path dataDirectory;
  private final int port;
  private final Map<String, String> serverConfig;
  private EmbeddedPostgres server;

  private OwnedPostgres(Path dataDirectory, int port, Map<String, String> serverConfig) {
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.serverConfig = serverConfig;
  }

  static OwnedPostgres start(String name, Map<String, String> serverConfig) throws IOException {
    Path dir = Path.of("target", "chaos", "pg-" + name).toAbsolutePath();
    deleteRecursively(dir);
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    OwnedPostgres pg = new OwnedPostgres(dir, port, serverConfig);
    pg.server = pg.builder().start();
    return pg;
  }

  private EmbeddedPostgres.Builder builder() {
    EmbeddedPostgres.Builder b =
        EmbeddedPostgres.builder()
            .setPort(port)
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setPGStartupWait(STARTUP_WAIT);
    serverConfig.forEach(b::setServerConfig);
    return b;
  }

  /** Stops the server (fast shutdown: every connection is cut) and starts it again on its data. */
  void restart() throws IOException {
    server.close();
    // pg_ctl stop gives up after a few seconds on a loaded machine; the old server must be gone
    Path pid = dataDirectory.resolve("postmaster.pid");
    Await.untilThroughFailures(
        "the stopped server to exit", () -> !Files.exists(pid), STARTUP_WAIT);
    server = builder().start();
  }

  /** Creates a database and returns its URL. */
  String createDatabase(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(url("postgres"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return url(name);
  }

  String url(String database) {
    return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
  }

  @Override
  public void close() throws IOException {
    server.close();
    deleteRecursively(dataDirectory);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
