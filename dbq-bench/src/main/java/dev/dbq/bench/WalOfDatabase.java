package dev.dbq.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WAL one database wrote between two positions, when other databases of the server write too
 * ({@code pg_current_wal_lsn()} counts the whole server's, and a shared machine's server has other
 * users): {@code pg_waldump} reads the server's WAL files from this machine's disk, and a record
 * counts when it changes a block of the database, or belongs to a transaction that did (its commit
 * record). While it is open a temporary physical replication slot, dropped with its connection,
 * keeps the server from recycling the WAL before it is read. Empty when the server's WAL is not on
 * this machine or {@code pg_waldump} is not where {@code -Dbench.pgWaldump} (default: the server's
 * major version's Debian path) says.
 */
final class WalOfDatabase implements AutoCloseable {
  private static final Pattern RECORD =
      Pattern.compile("len \\(rec/tot\\):\\s*\\d+/\\s*(\\d+), tx:\\s*(\\d+),");

  private final Connection connection;
  private final long databaseOid;
  private final Path walDirectory;
  private final Path waldump;

  private WalOfDatabase(String url) throws SQLException {
    this.connection = DriverManager.getConnection(url);
    try (Statement s = connection.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT d.oid, current_setting('data_directory'),"
                  + " current_setting('server_version_num')::int / 10000"
                  + " FROM pg_database d WHERE d.datname = current_database()")) {
        rs.next();
        databaseOid = rs.getLong(1);
        walDirectory = Path.of(rs.getString(2), "pg_wal");
        waldump =
            Path.of(
                System.getProperty(
                    "bench.pgWaldump", "/usr/lib/postgresql/" + rs.getInt(3) + "/bin/pg_waldump"));
      }
      if (available()) {
        s.execute(
            "SELECT pg_create_physical_replication_slot('dbq_bench_wal_' || pg_backend_pid(),"
                + " true, true)");
      }
    }
  }

  /** Reserves the server's WAL from now until {@link #close()}. */
  static WalOfDatabase reserve(String url) throws SQLException {
    return new WalOfDatabase(url);
  }

  private boolean available() {
    return Files.isDirectory(walDirectory) && Files.isExecutable(waldump);
  }

  /** The database's WAL bytes from {@code start} to {@code end}, or -1 when it cannot be read. */
  long bytes(long start, long end) throws IOException, InterruptedException {
    if (!available()) {
      return -1;
    }
    Process p =
        new ProcessBuilder(
                waldump.toString(), "-p", walDirectory.toString(), "-s", lsn(start), "-e", lsn(end))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    long bytes;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      bytes = sum(out, databaseOid);
    }
    return p.waitFor() == 0 ? bytes : -1;
  }

  /**
   * The total length of the records of {@code pg_waldump}'s output that change a block of the
   * database ({@code rel TABLESPACE/OID/...}) or follow such a record in its transaction.
   */
  static long sum(BufferedReader records, long databaseOid) throws IOException {
    Pattern ours = Pattern.compile("rel \\d+/" + databaseOid + "/");
    Set<Long> transactions = new HashSet<>();
    long bytes = 0;
    String line;
    while ((line = records.readLine()) != null) {
      Matcher m = RECORD.matcher(line);
      if (!m.find()) {
        continue;
      }
      long length = Long.parseLong(m.group(1));
      long tx = Long.parseLong(m.group(2));
      if (ours.matcher(line).find()) {
        bytes += length;
        if (tx != 0) {
          transactions.add(tx);
        }
      } else if (tx != 0 && transactions.contains(tx)) {
        bytes += length;
      }
    }
    return bytes;
  }

  static String lsn(long position) {
    return Long.toHexString(position >>> 32).toUpperCase(java.util.Locale.ROOT)
        + "/"
        + Long.toHexString(position & 0xFFFFFFFFL).toUpperCase(java.util.Locale.ROOT);
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
