package dev.dbq.runtime.cli;

import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.DbqCli;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.internal.JdbcUrls;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * What every command of {@link DbqCli} runs against: the environment it reads the database from,
 * the job catalog, and where it prints. Tests build their own; {@code main} uses the process's.
 */
public final class CliContext implements AutoCloseable {
  private final Map<String, String> environment;
  private List<String> routes = List.of(); // the command line's --route values
  private final Supplier<JobCatalog> catalogSource;
  private final PrintWriter out;
  private final PrintWriter err;
  private JobCatalog catalog;
  private Dbq dbq;

  public CliContext(
      Map<String, String> environment,
      Supplier<JobCatalog> catalogSource,
      PrintWriter out,
      PrintWriter err) {
    this.environment = Map.copyOf(environment);
    this.catalogSource = catalogSource;
    this.out = out;
    this.err = err;
  }

  /** The environment, with the command line's {@code --route}s as more entries of DBQ_ROUTES. */
  Map<String, String> environment() {
    if (routes.isEmpty()) {
      return environment;
    }
    Map<String, String> more = new HashMap<>(environment);
    String given = environment.get(Dbq.ENV_ROUTES);
    String added = String.join(";", routes);
    more.put(Dbq.ENV_ROUTES, given == null || given.isBlank() ? added : given + ";" + added);
    return Map.copyOf(more);
  }

  /**
   * The command line's {@code --route QUEUES=URL} values, read as entries of {@code DBQ_ROUTES} (so
   * that they are checked, opened and masked as those are).
   */
  void routes(List<String> given) {
    routes = List.copyOf(given);
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  /**
   * Masks every secret this command was given ({@code DBQ_JDBC_URL}'s, {@code DBQ_ROUTES}' URLs',
   * {@code DBQ_PASSWORD}) in a text about to be printed.
   */
  public String redact(String text) {
    return redactFor(environment(), text);
  }

  /**
   * A message as the command line prints it: secrets masked, and on one line (a driver's "ERROR:
   * ...\n Position: 15", or a job name holding a newline, would otherwise print two), with line
   * breaks and other control characters written as escapes.
   */
  public static String redactFor(Map<String, String> environment, String text) {
    java.util.Set<String> secrets =
        new java.util.LinkedHashSet<>(JdbcUrls.secrets(environment.get(Dbq.ENV_JDBC_URL)));
    String routes = environment.get(Dbq.ENV_ROUTES);
    if (routes != null) {
      // each routed URL's password, read as the routes are: the text after an entry's first '='
      for (String entry : routes.split(";")) {
        int equals = entry.indexOf('=');
        if (equals >= 0) {
          secrets.addAll(JdbcUrls.secrets(entry.substring(equals + 1).strip()));
        }
      }
    }
    String password = environment.get(Dbq.ENV_PASSWORD);
    if (password != null) {
      secrets.add(password);
    }
    return oneLine(JdbcUrls.redactIn(text, secrets));
  }

  private static String oneLine(String text) {
    StringBuilder line = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append(' ');
        default -> {
          if (Character.isISOControl(c)) {
            line.append(String.format("\\u%04x", (int) c));
          } else {
            line.append(c);
          }
        }
      }
    }
    return line.toString();
  }

  /** The jobs known to this process, loaded once on first use. */
  public JobCatalog catalog() {
    if (catalog == null) {
      catalog = catalogSource.get();
    }
    return catalog;
  }

  /**
   * The database from {@code DBQ_JDBC_URL}, opened on first use so that bad input is rejected
   * before any connection is made.
   */
  public Dbq dbq() {
    if (dbq == null) {
      String url = environment.get(Dbq.ENV_JDBC_URL);
      if (url == null || url.isBlank()) {
        throw new BadInputException(
            "DBQ_JDBC_URL is not set: point it at your PostgreSQL database, e.g."
                + " DBQ_JDBC_URL=jdbc:postgresql://localhost:5432/app (optional DBQ_USER,"
                + " DBQ_PASSWORD)");
      }
      dbq = Dbq.fromEnvironment(environment());
    }
    return dbq;
  }

  @Override
  public void close() {
    if (dbq != null) {
      dbq.close();
    }
    out.flush();
    err.flush();
  }

  /**
   * The reason for a parse error without the Java exception picocli appends to conversion errors
   * ("cannot convert 'soon' to BigDecimal (java.lang.NumberFormatException: ...)").
   */
  public static String reason(CommandLine.ParameterException e) {
    return e.getMessage()
        .replaceFirst("\\s*\\((?:[a-z_$][\\w$]*\\.)+\\w*(?:Exception|Error)\\b.*\\)$", "");
  }
}
