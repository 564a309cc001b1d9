package dev.dbq.runtime.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.DbqException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** The HikariCP pool that {@link Dbq#connect(String)} opens; it never holds or shows a password. */
public final class OwnPool {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private OwnPool() {}

  /**
   * Opens a pool named {@code dbq-N} and checks that it can connect.
   *
   * @throws DbqException when it cannot, with every secret of the URL masked
   */
  public static HikariDataSource open(String jdbcUrl, String user, String password, int size) {
    JdbcUrls.Split split = JdbcUrls.split(jdbcUrl);
    HikariConfig config = new HikariConfig();
    // the pool and the driver only ever see the URL without its secrets, so they cannot print them
    config.setJdbcUrl(split.url());
    if (user != null) {
      config.setUsername(user);
    } else if (split.user() != null) {
      config.setUsername(split.user());
    }
    if (password != null) {
      config.setPassword(password);
    } else if (split.password() != null) {
      config.setPassword(split.password());
    }
    for (Map.Entry<String, String> secret : split.secretProperties().entrySet()) {
      config.addDataSourceProperty(secret.getKey(), secret.getValue());
    }
    config.setMaximumPoolSize(size);
    config.setPoolName("dbq-" + POOLS.incrementAndGet());
    Set<String> secrets = new LinkedHashSet<>(JdbcUrls.secrets(jdbcUrl));
    if (password != null) {
      secrets.add(password);
    }
    // Why a probe of our own: HikariCP's fail-fast check sleeps a whole second after a failed
    // attempt before it gives up, so every command with a wrong URL took a second longer
    try {
      DriverManager.getConnection(split.url(), probeProperties(config)).close();
      config.setInitializationFailTimeout(-1); // checked just now
    } catch (SQLException e) {
      throw failure(jdbcUrl, e, secrets);
    }
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw failure(jdbcUrl, e, secrets);
    }
  }

  private static Properties probeProperties(HikariConfig config) {
    Properties properties = new Properties();
    properties.putAll(config.getDataSourceProperties());
    if (config.getUsername() != null) {
      properties.setProperty("user", config.getUsername());
    }
    if (config.getPassword() != null) {
      properties.setProperty("password", config.getPassword());
    }
    return properties;
  }

  /** One line naming the redacted URL and the root cause; the cause itself is left out. */
  private static DbqException failure(String jdbcUrl, Exception e, Set<String> secrets) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String reason =
        JdbcUrls.redactIn(String.valueOf(root.getMessage()), secrets).replace('\n', ' ');
    PermanentFault fault = PermanentFault.in(e).orElse(null);
    if (fault != null) {
      reason = fault.fix() + " (" + reason + ")";
    }
    return new DbqException(
        "cannot connect to " + JdbcUrls.redactIn(jdbcUrl, secrets) + ": " + reason);
  }
}
