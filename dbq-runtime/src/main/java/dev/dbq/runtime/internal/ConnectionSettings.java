package dev.dbq.runtime.internal;

import dev.dbq.runtime.Dbq;
import java.util.Map;
import java.util.Objects;

/**
 * Where {@link Dbq#connect(String, String, String)} connects: a checked {@code jdbc:postgresql:}
 * URL and the credentials given apart from it, read from the arguments or from the {@code DBQ_*}
 * environment variables.
 *
 * @param url the JDBC URL
 * @param user the database user, or null to take it from the URL
 * @param password the password, or null to take it from the URL
 * @param transactionPooling whether the URL reaches PostgreSQL through a transaction-pooling proxy
 *     ({@link Dbq#ENV_TRANSACTION_POOLING})
 */
public record ConnectionSettings(
    String url, String user, String password, boolean transactionPooling) {
  /**
   * @throws IllegalArgumentException when the URL is not a {@code jdbc:postgresql:} URL
   */
  public ConnectionSettings {
    Objects.requireNonNull(url, "jdbcUrl");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): "
              + JdbcUrls.redact(url));
    }
  }

  /**
   * A direct connection: no transaction-pooling proxy.
   *
   * @throws IllegalArgumentException when the URL is not a {@code jdbc:postgresql:} URL
   */
  public ConnectionSettings(String url, String user, String password) {
    this(url, user, password, false);
  }

  /**
   * Reads {@link Dbq#ENV_JDBC_URL}, {@link Dbq#ENV_USER}, {@link Dbq#ENV_PASSWORD} and {@link
   * Dbq#ENV_TRANSACTION_POOLING}; an empty user, password or flag counts as none.
   *
   * @throws IllegalStateException when {@code DBQ_JDBC_URL} is not set, or the flag is neither
   *     {@code true} nor {@code false}
   */
  public static ConnectionSettings fromEnvironment(Map<String, String> environment) {
    String url = environment.get(Dbq.ENV_JDBC_URL);
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          Dbq.ENV_JDBC_URL
              + " is not set: set it to the JDBC URL of the dbq database, e.g."
              + " jdbc:postgresql://localhost:5432/app (and "
              + Dbq.ENV_USER
              + ", "
              + Dbq.ENV_PASSWORD
              + " when the URL does not carry the credentials)");
    }
    return new ConnectionSettings(
        url.strip(),
        emptyToNull(environment.get(Dbq.ENV_USER)),
        emptyToNull(environment.get(Dbq.ENV_PASSWORD)),
        flag(environment.get(Dbq.ENV_TRANSACTION_POOLING)));
  }

  private static boolean flag(String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalStateException(
              Dbq.ENV_TRANSACTION_POOLING + " must be true or false, was '" + value + "'");
    };
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
