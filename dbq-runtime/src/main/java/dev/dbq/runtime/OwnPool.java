package dev.dbq.runtime;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.atomic.AtomicInteger;

/** The HikariCP pool that {@link Dbq#connect(String)} opens; it never holds or shows a password. */
final class OwnPool {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private OwnPool() {}

  /**
   * Opens a pool named {@code dbq-N} and checks that it can connect.
   *
   * @throws DbqException when it cannot, with the URL's password masked
   */
  static HikariDataSource open(String jdbcUrl, String user, String password, int size) {
    HikariConfig config = new HikariConfig();
    // the pool only ever sees the URL without its password, so it cannot print it
    config.setJdbcUrl(JdbcUrls.withoutPassword(jdbcUrl));
    String urlPassword = JdbcUrls.password(jdbcUrl);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    } else if (urlPassword != null) {
      config.setPassword(urlPassword);
    }
    config.setMaximumPoolSize(size);
    config.setPoolName("dbq-" + POOLS.incrementAndGet());
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw failure(jdbcUrl, e, password, urlPassword);
    }
  }

  /** One line naming the redacted URL and the root cause; the cause itself is left out. */
  private static DbqException failure(
      String jdbcUrl, RuntimeException e, String password, String urlPassword) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String reason = JdbcUrls.redactIn(String.valueOf(root.getMessage()));
    for (String secret : new String[] {password, urlPassword}) {
      if (secret != null && !secret.isEmpty()) {
        reason = reason.replace(secret, JdbcUrls.MASK);
      }
    }
    reason = reason.replace('\n', ' ');
    PermanentFault fault = PermanentFault.in(e).orElse(null);
    if (fault != null) {
      reason = fault.fix() + " (" + reason + ")";
    }
    return new DbqException("cannot connect to " + JdbcUrls.redact(jdbcUrl) + ": " + reason);
  }
}
