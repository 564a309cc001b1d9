package dev.dbq.runtime.chaos;

import dev.dbq.runtime.Await;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Two PostgreSQL clusters of one test, on 127.0.0.1 and ports in 55xxx, in a temporary directory: a
 * primary made with {@code initdb}, and a standby made from it with {@code pg_basebackup -R} that
 * streams its WAL and that the primary waits for on every commit ({@code synchronous_standby_names}
 * names it, {@code synchronous_commit = on}). So a commit the primary acknowledged is on the
 * standby, and after {@link #killPrimary()} and {@link #promoteStandby()} the new primary holds
 * every acknowledged transaction. Run as {@code postgres} when the test runs as root ({@link
 * ServerBinaries}). {@link #close()} stops both, whatever state they are in, and deletes the
 * directory; the server logs are kept in {@code target/chaos/}.
 */
final class StandbyPair implements AutoCloseable {
  /** The standby's name on the primary: its {@code cluster_name}, its walreceiver's name. */
  static final String STANDBY_NAME = "dbq_standby";

  // pg_ctl's own wait for start, stop and promote; far above a normal start on a loaded machine
  private static final Duration SERVER_BOUND = Duration.ofSeconds(60);
  private static final Path LOGS = Path.of("target", "chaos");

  private final String name;
  private final Path directory;
  private final Path primaryData;
  private final Path standbyData;
  private final int primaryPort;
  private final int standbyPort;
  private final List<Path> running = new ArrayList<>();
  private int commands;

  private StandbyPair(String name, Path directory, int primaryPort, int standbyPort) {
    this.name = name;
    this.directory = directory;
    this.primaryData = directory.resolve("primary");
    this.standbyData = directory.resolve("standby");
    this.primaryPort = primaryPort;
    this.standbyPort = standbyPort;
  }

  /**
   * Creates and starts both, and returns once the standby streams and is synchronous.
   *
   * @param name names the temporary directory and the kept logs
   */
  static StandbyPair start(String name) throws Exception {
    Path directory = Files.createTempDirectory("dbq-" + name + "-");
    if (ServerBinaries.asRoot()) {
      // the clusters' owner creates its data directories in here
      UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
      Files.setOwner(directory, users.lookupPrincipalByName(ServerBinaries.SERVER_USER));
    }
    int primaryPort = freePort(-1);
    StandbyPair pair = new StandbyPair(name, directory, primaryPort, freePort(primaryPort));
    try {
      pair.create();
    } catch (Throwable e) {
      try {
        pair.close();
      } catch (Exception cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    return pair;
  }

  private void create() throws IOException, SQLException {
    run(
        "initdb",
        "-D",
        primaryData.toString(),
        "-U",
        "postgres",
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--no-locale",
        "--no-sync");
    appendConfig(
        primaryData,
        "listen_addresses = '127.0.0.1'",
        "port = " + primaryPort,
        "unix_socket_directories = '" + directory + "'",
        "max_connections = 100",
        "shared_buffers = 32MB",
        "wal_level = replica",
        "max_wal_senders = 4",
        "hot_standby = on",
        "synchronous_commit = on");
    startServer(primaryData);
    // a copy of the primary, its config included: port and name are set on the copy below, and
    // the primary learns to wait for it only afterwards, so the copy never waits for itself
    run(
        "pg_basebackup",
        "-h",
        "127.0.0.1",
        "-p",
        Integer.toString(primaryPort),
        "-U",
        "postgres",
        "-D",
        standbyData.toString(),
        "-R",
        "-X",
        "stream",
        "-c",
        "fast",
        "--no-sync");
    appendConfig(standbyData, "port = " + standbyPort, "cluster_name = '" + STANDBY_NAME + "'");
    startServer(standbyData);
    appendConfig(primaryData, "synchronous_standby_names = '" + STANDBY_NAME + "'");
    run("pg_ctl", "-D", primaryData.toString(), "reload");
    Await.untilThroughFailures(
        "the standby " + STANDBY_NAME + " to stream and be synchronous",
        () -> "sync".equals(syncState()),
        SERVER_BOUND);
  }

  /** The primary's view of the standby: {@code sync}, {@code async}, ..., or null. */
  private String syncState() throws SQLException {
    try (Connection c = DriverManager.getConnection(primaryUrl("postgres"));
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT sync_state FROM pg_stat_replication WHERE application_name = '"
                    + STANDBY_NAME
                    + "' AND state = 'streaming'")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** A database's URL on the primary alone. */
  String primaryUrl(String database) {
    return url(primaryPort, database);
  }

  /** A database's URL on the standby alone (read-only until promoted). */
  String standbyUrl(String database) {
    return url(standbyPort, database);
  }

  /**
   * A database's URL as an application that rides out a failover gives it: both hosts, primary
   * first, and the driver connects to whichever is the primary now ({@code targetServerType}).
   */
  String failoverUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:"
        + primaryPort
        + ",127.0.0.1:"
        + standbyPort
        + "/"
        + database
        + "?targetServerType=primary&user=postgres";
  }

  private static String url(int port, String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
  }

  /** Creates a database on the primary (and so on the standby). */
  void createDatabase(String database) throws SQLException {
    try (Connection c = DriverManager.getConnection(primaryUrl("postgres"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
  }

  /**
   * Stops the primary hard ({@code pg_ctl stop -m immediate}: every backend quits at once, no
   * checkpoint, as in a crash); it is not started again.
   */
  void killPrimary() throws IOException {
    stopServer(primaryData);
  }

  /**
   * Waits until the standby has replayed all the WAL it received, so that a read on it sees every
   * transaction it acknowledged to the primary. Call after {@link #killPrimary()}: the primary
   * sends no more.
   */
  void awaitStandbyReplayed() {
    Await.untilThroughFailures(
        "the standby to replay what it received",
        () -> {
          try (Connection c = DriverManager.getConnection(standbyUrl("postgres"));
              Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery("SELECT pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn()")) {
            rs.next();
            return rs.getBoolean(1);
          }
        },
        SERVER_BOUND);
  }

  /** Promotes the standby and returns once it accepts writes ({@code pg_ctl promote -w}). */
  void promoteStandby() throws IOException {
    run("pg_ctl", "-D", standbyData.toString(), "-w", "-t", seconds(), "promote");
  }

  private void startServer(Path data) throws IOException {
    running.add(data);
    run(
        "pg_ctl",
        "-D",
        data.toString(),
        "-l",
        serverLog(data).toString(),
        "-w",
        "-t",
        seconds(),
        "start");
  }

  private void stopServer(Path data) throws IOException {
    run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "-t", seconds(), "stop");
    running.remove(data);
  }

  private Path serverLog(Path data) {
    return directory.resolve(data.getFileName() + ".log");
  }

  private static String seconds() {
    return Long.toString(SERVER_BOUND.toSeconds());
  }

  /** Runs one of the server's binaries to its end; fails with its output unless it exits 0. */
  private void run(String binary, String... args) throws IOException {
    Path out = directory.resolve("command-" + (++commands) + ".log");
    List<String> command = ServerBinaries.command(binary, List.of(args));
    // into a file, not a pipe: a server that pg_ctl starts must not hold our pipe open
    Process p =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    boolean ended;
    try {
      ended = p.waitFor(SERVER_BOUND.toSeconds() + 30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new InterruptedIOException(command + " interrupted");
    }
    if (!ended) {
      p.destroyForcibly();
      throw new IOException(command + " did not end: " + Files.readString(out));
    }
    if (p.exitValue() != 0) {
      throw new IOException(command + " exited " + p.exitValue() + ": " + Files.readString(out));
    }
  }

  private static void appendConfig(Path data, String... lines) throws IOException {
    // later lines win in postgresql.conf; run as root, the file keeps its owner
    Files.writeString(
        data.resolve("postgresql.conf"),
        "\n" + String.join("\n", lines) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
  }

  /** Stops whatever still runs (immediately), keeps the server logs, deletes the directory. */
  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (Path data : List.copyOf(running)) {
      try {
        if (Files.exists(data.resolve("postmaster.pid"))) { // not when its start failed early
          stopServer(data);
        }
      } catch (IOException e) {
        failure = add(failure, e);
      }
    }
    try {
      Files.createDirectories(LOGS);
      for (Path data : List.of(primaryData, standbyData)) {
        Path log = serverLog(data);
        if (Files.exists(log)) {
          Files.copy(
              log,
              LOGS.resolve(name + "-" + data.getFileName() + ".log"),
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      failure = add(failure, e);
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      failure = add(failure, e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static IOException add(IOException first, IOException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  /** A port in 55000-55999 that nothing listens on now (nor {@code other}). */
  private static int freePort(int other) throws IOException {
    int start = ThreadLocalRandom.current().nextInt(1000);
    for (int i = 0; i < 1000; i++) {
      int port = 55_000 + (start + i) % 1000;
      if (port == other) {
        continue;
      }
      try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return probe.getLocalPort();
      } catch (IOException taken) {
        // in use: try the next
      }
    }
    throw new IOException("no free port in 55000-55999 on 127.0.0.1");
  }
}
