package dev.dbq.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the bench's own: {@code initdb} into a temporary directory, started with
 * {@code pg_ctl} on 127.0.0.1 at a free port in 55xxx with trust authentication and the settings
 * that shape a queue's throughput copied from a reference server (so that the two primaries of
 * {@link TwoPrimaries} are configured alike); stopped and removed by {@link #close()}. As root, the
 * cluster is owned by and run as {@code postgres} ({@code runuser}), since PostgreSQL refuses to
 * run as root.
 */
final class LocalCluster implements AutoCloseable {
  static final String BIN = "/usr/lib/postgresql/15/bin";

  /** Settings read from the reference server and given to the new cluster. */
  private static final List<String> COPIED =
      List.of(
          "shared_buffers",
          "synchronous_commit",
          "fsync",
          "full_page_writes",
          "wal_level",
          "wal_buffers",
          "max_wal_size",
          "checkpoint_timeout",
          "autovacuum",
          "work_mem",
          "max_connections");

  private final Path dir;
  private final int port;
  private final boolean root;

  private LocalCluster(Path dir, int port, boolean root) {
    this.dir = dir;
    this.port = port;
    this.root = root;
  }

  /**
   * Creates and starts a cluster configured as the server of {@code referenceUrl}.
   *
   * @throws IOException when initdb or pg_ctl fails (the directory is then removed)
   */
  static LocalCluster start(String referenceUrl) throws Exception {
    List<String> settings = settingsOf(referenceUrl);
    LocalCluster cluster = empty("dbq-bench-cluster-");
    Path dir = cluster.dir;
    try {
      cluster.asOwner(
          List.of(
              BIN + "/initdb",
              "-D",
              dir.resolve("data").toString(),
              "-A",
              "trust",
              "-U",
              "postgres",
              "--no-sync"));
      cluster.startServer(settings);
      return cluster;
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * Creates and starts a hot standby of {@code primary}: {@code pg_basebackup -R} (streaming
   * replication, the trust entry for replication that initdb writes), then started read-only.
   *
   * @throws IOException when pg_basebackup or pg_ctl fails (the directory is then removed)
   */
  static LocalCluster standbyOf(LocalCluster primary) throws Exception {
    LocalCluster standby = empty("dbq-bench-standby-");
    Path dir = standby.dir;
    try {
      standby.asOwner(
          List.of(
              BIN + "/pg_basebackup",
              "-h",
              "127.0.0.1",
              "-p",
              Integer.toString(primary.port),
              "-U",
              "postgres",
              "-D",
              dir.resolve("data").toString(),
              "-R",
              "-X",
              "stream"));
      standby.startServer(List.of("hot_standby=on"));
      return standby;
    } catch (Exception e) {
      standby.close();
      throw e;
    }
  }

  /** A cluster of no data yet on a free port, in a new directory the server's user owns. */
  private static LocalCluster empty(String prefix) throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory(prefix);
    LocalCluster cluster = new LocalCluster(dir, freePort(), root);
    if (root) {
      try {
        run(List.of("chown", "postgres:postgres", dir.toString()), false);
      } catch (Exception e) {
        cluster.close();
        throw e;
      }
    }
    return cluster;
  }

  /** Starts the server on its data directory, on 127.0.0.1 and its port, with the settings. */
  private void startServer(List<String> settings) throws Exception {
    List<String> options =
        new ArrayList<>(
            List.of(
                "-p",
                Integer.toString(port),
                "-k",
                dir.toString(),
                "-c",
                "listen_addresses=127.0.0.1"));
    for (String setting : settings) {
      options.add("-c");
      options.add(setting);
    }
    asOwner(
        List.of(
            BIN + "/pg_ctl",
            "-D",
            dir.resolve("data").toString(),
            "-w",
            "-t",
            "60",
            "-l",
            dir.resolve("log").toString(),
            "-o",
            String.join(" ", options),
            "start"));
  }

  /** A JDBC URL of a database on this cluster, as user postgres. */
  String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
  }

  int port() {
    return port;
  }

  /** Stops the cluster (fast: it holds only bench data) and removes its directory. */
  @Override
  public void close() {
    try {
      if (Files.exists(dir.resolve("data/postmaster.pid"))) {
        asOwner(
            List.of(
                BIN + "/pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"));
      }
    } catch (Exception e) {
      System.out.println("  cannot stop the cluster in " + dir + ": " + e.getMessage());
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        System.out.println("  cannot remove " + dir + ": " + e.getMessage());
      }
    }
  }

  private void asOwner(List<String> command) throws Exception {
    List<String> full = new ArrayList<>();
    if (root) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    run(full, true);
  }

  private static void run(List<String> command, boolean quiet) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output.strip());
    }
    if (!quiet) {
      System.out.print(output);
    }
  }

  /** {@code name=value} for every copied setting of the reference server, with its unit. */
  private static List<String> settingsOf(String url) throws SQLException {
    List<String> settings = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (String name : COPIED) {
        try (ResultSet rs = s.executeQuery("SELECT current_setting('" + name + "')")) {
          rs.next();
          settings.add(name + "=" + rs.getString(1).replace(" ", ""));
        }
      }
    }
    return settings;
  }

  /** The first port of 55471..55499 that nothing listens on. */
  private static int freePort() {
    for (int port = 55471; port < 55500; port++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      } catch (IOException e) {
        return port; // refused: free
      }
    }
    throw new IllegalStateException("no free port in 55471..55499");
  }
}
