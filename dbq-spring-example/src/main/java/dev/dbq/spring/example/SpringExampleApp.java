package dev.dbq.spring.example;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * {@code java -jar dbq-spring-example/target/dbq-spring-example.jar}: a web shop whose {@code POST
 * /orders} stores an order and enqueues its three-step fulfilment in one transaction, and whose
 * worker (the starter's, in the application's lifecycle) runs it.
 *
 * <p>The database is {@code spring.datasource.url} when set (as a property, an argument or {@code
 * SPRING_DATASOURCE_URL}); otherwise an embedded PostgreSQL whose data is kept in {@code
 * ./dbq-spring-data}, as the plain example does.
 */
@SpringBootApplication
public class SpringExampleApp {
  /** Where the embedded PostgreSQL keeps its data, under the working directory. */
  static final Path DATA_DIRECTORY = Path.of("dbq-spring-data");

  /** For Spring. */
  public SpringExampleApp() {}

  /**
   * Starts the application; it stops gracefully on SIGTERM or Ctrl-C (the worker finishes its steps
   * within {@code dbq.worker.shutdown-grace}, then the embedded database stops).
   *
   * @param args Spring Boot arguments ({@code --server.port=8081})
   */
  public static void main(String[] args) {
    RunningExample app = start(System.getenv(), DATA_DIRECTORY, args);
    // one hook, in order: the context (worker, pool) first, then the database it needs
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "dbq-spring-example-shutdown"));
  }

  /**
   * Starts the application, on an embedded PostgreSQL unless a database is configured.
   *
   * @param environment the process environment (read for {@code SPRING_DATASOURCE_URL})
   * @param dataDirectory where an embedded database keeps its data
   * @param args Spring Boot arguments
   * @return the running application; closing it stops the context, then the embedded database
   */
  static RunningExample start(Map<String, String> environment, Path dataDirectory, String... args) {
    boolean configured =
        environment.containsKey("SPRING_DATASOURCE_URL")
            || System.getProperty("spring.datasource.url") != null
            || java.util.Arrays.stream(args)
                .anyMatch(a -> a.startsWith("--spring.datasource.url="));
    EmbeddedDatabase database = null;
    SpringApplication application = new SpringApplication(SpringExampleApp.class);
    // the caller closes the context (main: in its own hook, before the embedded database)
    application.setRegisterShutdownHook(false);
    if (!configured) {
      System.out.println(
          "spring.datasource.url is not set: starting an embedded PostgreSQL with its data in "
              + dataDirectory.toAbsolutePath()
              + " (delete the folder to start afresh)");
      database = EmbeddedDatabase.start(dataDirectory.toAbsolutePath());
      application.setDefaultProperties(Map.of("spring.datasource.url", database.jdbcUrl()));
    }
    try {
      return new RunningExample(application.run(args), database);
    } catch (RuntimeException e) {
      if (database != null) {
        database.close();
      }
      throw e;
    }
  }
}
