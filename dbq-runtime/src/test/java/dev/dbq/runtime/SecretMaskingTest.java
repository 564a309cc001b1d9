package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.dbq.runtime.internal.ErrorText;
import dev.dbq.runtime.internal.JdbcUrls;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * No secret printed: each way a password can be given (every URL form pgjdbc accepts, every
 * password-like parameter, {@code DBQ_PASSWORD}) is fed through every command's failure path, and
 * nothing the command prints or logs holds it. Every secret below contains {@value #SECRET}.
 */
class SecretMaskingTest {
  private static final String SECRET = "S3CRET";
  private static final JobCatalog CATALOG =
      JobCatalog.of(JobDefinition.builder("noop").step("run", call -> null).build());

  /** An existing but unmigrated database: commands connect, then fail in SQL. */
  private static TestDatabase unmigrated;

  private static String hostPort;
  private static String existing;

  @BeforeAll
  static void createDatabase() {
    unmigrated = TestDatabase.create();
    Matcher m = Pattern.compile("jdbc:postgresql://([^/]+)/([^?]+)").matcher(unmigrated.url());
    if (!m.find()) {
      throw new IllegalStateException("unexpected test URL " + unmigrated.url());
    }
    hostPort = m.group(1);
    existing = m.group(2);
  }

  @AfterAll
  static void dropDatabase() {
    unmigrated.close();
  }

  /**
   * The URL forms, with {@code HOST} and {@code DB} to fill in; the user is postgres throughout.
   */
  private static final List<String> FORMS =
      List.of(
          "jdbc:postgresql://postgres:" + SECRET + "-userinfo@HOST/DB",
          "jdbc:postgresql://postgres:" + SECRET + "%40enc%2Fed@HOST/DB",
          "jdbc:postgresql://HOST/DB?user=postgres&password=" + SECRET + "-param",
          "jdbc:postgresql://HOST/DB?password=" + SECRET + "-first&user=postgres",
          "jdbc:postgresql://HOST/DB?user=postgres&password=" + SECRET + "%21enc+oded",
          "jdbc:postgresql://HOST/DB?user=postgres&PASSWORD=" + SECRET + "-upper",
          "jdbc:postgresql://HOST/DB?user=postgres&sslpassword=" + SECRET + "-ssl",
          "jdbc:postgresql://127.0.0.1:1,HOST/DB?user=postgres&password=" + SECRET + "-multi",
          "jdbc:postgresql://postgres:" + SECRET + "-badport@127.0.0.1:notaport/DB",
          "jdbc:postgresql://postgres:" + SECRET + "-refused@127.0.0.1:1/DB",
          // libpq's form, a common slip: refused as not a JDBC URL, the secret still masked
          "postgresql://postgres:" + SECRET + "-libpq@HOST/DB");

  private static final List<List<String>> COMMANDS =
      List.of(
          List.of("migrate"),
          List.of("create-job", "noop"),
          List.of("queue-depth"),
          List.of("delete-old-jobs"),
          List.of("worker", "--exit-when-empty"));

  static Stream<Arguments> formsAndCommands() {
    List<Arguments> all = new ArrayList<>();
    for (String form : FORMS) {
      for (String db : new String[] {"no_such_database", "EXISTING"}) {
        for (List<String> command : COMMANDS) {
          // on the unmigrated database: migrate would succeed, and a worker retries its claim
          // (issue #10); the others fail in SQL after connecting
          boolean failsInSql =
              !command.get(0).equals("worker") && !command.get(0).equals("migrate");
          boolean connects = !form.contains("127.0.0.1:");
          if (db.equals("no_such_database") || (failsInSql && connects)) {
            all.add(Arguments.of(form.replace("DB", db), command));
          }
        }
      }
    }
    return all.stream();
  }

  private static String filled(String form) {
    return form.replace("HOST", hostPort).replace("EXISTING", existing);
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("formsAndCommands")
  void noCommandPrintsOrLogsTheSecret(String form, List<String> command) {
    Map<String, String> env = new HashMap<>(Map.of("DBQ_JDBC_URL", filled(form)));
    ListAppender<ILoggingEvent> logs = captureLogs();
    CliRun run;
    try {
      run = CliRun.of(env, CATALOG, command.toArray(String[]::new));
    } finally {
      release(logs);
    }

    String printed = run.out() + run.err() + text(logs);
    assertFalse(printed.contains(SECRET), printed);
    assertNotEquals(0, run.status(), "the failure path was taken: " + printed);
  }

  @Test
  void aPasswordFromTheEnvironmentIsMaskedInTheDriversOwnMessages() {
    Map<String, String> env =
        Map.of(
            "DBQ_JDBC_URL",
            "jdbc:postgresql://127.0.0.1:1/x?user=postgres",
            "DBQ_PASSWORD",
            SECRET + "-env");
    for (List<String> command : COMMANDS) {
      CliRun run = CliRun.of(env, CATALOG, command.toArray(String[]::new));
      assertEquals(1, run.status(), run.err());
      assertFalse((run.out() + run.err()).contains(SECRET), run.err());
    }
  }

  @Test
  void theUserInfoFormConnectsWithItsCredentials() {
    try (TestDatabase other = TestDatabase.create()) {
      String name = other.url().replaceAll(".*/([^/?]+)\\?.*", "$1");
      CliRun run =
          CliRun.of(
              Map.of(
                  "DBQ_JDBC_URL",
                  "jdbc:postgresql://postgres:" + SECRET + "@" + hostPort + "/" + name),
              CATALOG,
              "migrate");

      assertEquals(0, run.status(), run.err());
      assertEquals("event=migrated\n", run.out());
    }
  }

  @Test
  void theWorkerCommandLineOfItsOwnMasksTheSecretToo() throws Exception {
    for (String form : List.of(FORMS.get(0), FORMS.get(8), FORMS.get(9))) {
      Path log = Files.createTempFile("dbq-worker-secret", ".log");
      ProcessBuilder pb =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  DbqWorker.class.getName(),
                  "--exit-when-empty")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().put("DBQ_JDBC_URL", filled(form.replace("DB", "no_such_database")));
      Process p = pb.start();
      try {
        assertEquals(true, p.waitFor(60, TimeUnit.SECONDS), "the worker exits");
        String printed = Files.readString(log);
        assertNotEquals(0, p.exitValue(), printed);
        assertFalse(printed.contains(SECRET), printed);
      } finally {
        p.destroyForcibly();
        new File(log.toString()).delete();
      }
    }
  }

  @Test
  void aStepsErrorQuotingAUrlKeepsItsPasswordOutOfLastError() {
    assertEquals(
        "cannot reach jdbc:postgresql://u:****@h/db?sslpassword=****",
        ErrorText.clean(
            "cannot reach jdbc:postgresql://u:" + SECRET + "@h/db?sslpassword=" + SECRET));
  }

  @Test
  void theCredentialsAreTakenOutOfTheUrlAndNothingElse() {
    JdbcUrls.Split split =
        JdbcUrls.split(
            "jdbc:postgresql://app:p%40ss@h:5432,h2/db?sslpassword=k&ssl=true&password=q&x=//a@b");

    assertEquals("jdbc:postgresql://h:5432,h2/db?ssl=true&x=//a@b", split.url());
    assertEquals("app", split.user());
    assertEquals("q", split.password(), "the password parameter wins over the user-info");
    assertEquals(Map.of("sslpassword", "k"), split.secretProperties());
    assertEquals(
        java.util.Set.of("p%40ss", "p@ss", "k", "q"),
        JdbcUrls.secrets("jdbc:postgresql://app:p%40ss@h/db?sslpassword=k&password=q"));
    JdbcUrls.Split plain = JdbcUrls.split("jdbc:postgresql://h/db?options=//x@y");
    assertEquals("jdbc:postgresql://h/db?options=//x@y", plain.url());
    assertEquals(null, plain.user());
  }

  private static ListAppender<ILoggingEvent> captureLogs() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root().addAppender(appender);
    return appender;
  }

  private static void release(ListAppender<ILoggingEvent> appender) {
    root().detachAppender(appender);
    appender.stop();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private static String text(ListAppender<ILoggingEvent> logs) {
    StringBuilder all = new StringBuilder();
    for (ILoggingEvent e : List.copyOf(logs.list)) {
      all.append(e.getFormattedMessage()).append('\n');
      if (e.getThrowableProxy() != null) {
        all.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
      }
    }
    return all.toString();
  }
}
