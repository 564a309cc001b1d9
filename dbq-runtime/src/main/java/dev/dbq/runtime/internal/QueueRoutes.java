package dev.dbq.runtime.internal;

import dev.dbq.runtime.Dbq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The queues routed to databases other than the default one, as {@link Dbq#ENV_ROUTES} writes them:
 * {@code QUEUE[,QUEUE...]=JDBC_URL}, entries separated by {@code ;}, for example {@code
 * imports,reports=jdbc:postgresql://db2:5432/app;mail=jdbc:postgresql://db3:5432/app}. Queue names
 * hold no {@code =}, {@code ,} or {@code ;}, so the first {@code =} of an entry ends its queues and
 * a multi-host URL's commas stay in the URL. Two entries with the same URL name one database.
 *
 * @param byUrl each routed database's URL, in the order first named, with its queues
 */
public record QueueRoutes(Map<String, List<String>> byUrl) {
  /** No queue routed: every queue in the default database. */
  public static final QueueRoutes NONE = new QueueRoutes(Map.of());

  /** Copies the routes, so that the record cannot change. */
  public QueueRoutes {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    byUrl.forEach((url, queues) -> copy.put(url, List.copyOf(queues)));
    byUrl = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * Reads {@link Dbq#ENV_ROUTES}; unset or blank is {@link #NONE}.
   *
   * @throws IllegalArgumentException naming the bad entry and the rule it breaks
   */
  public static QueueRoutes fromEnvironment(Map<String, String> environment) {
    String text = environment.get(Dbq.ENV_ROUTES);
    return text == null || text.isBlank() ? NONE : parse(text);
  }

  /**
   * Reads routes in the form described above.
   *
   * @throws IllegalArgumentException naming the bad entry and the rule it breaks: no {@code =}, no
   *     queue, a queue that breaks the naming rule, a queue routed twice, a URL that is not a
   *     {@code jdbc:postgresql:} URL
   */
  public static QueueRoutes parse(String text) {
    Map<String, List<String>> byUrl = new LinkedHashMap<>();
    Map<String, String> urlOfQueue = new LinkedHashMap<>();
    for (String raw : text.split(";")) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int equals = entry.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException(
            Dbq.ENV_ROUTES
                + " entry '"
                + JdbcUrls.redact(entry)
                + "' is not QUEUE[,QUEUE...]=JDBC_URL");
      }
      String url = entry.substring(equals + 1).strip();
      new ConnectionSettings(url, null, null); // refuses what is not a jdbc:postgresql: URL
      List<String> queues = byUrl.computeIfAbsent(url, u -> new ArrayList<>());
      for (String name : entry.substring(0, equals).split(",", -1)) {
        String queue = NamingRules.checkQueueName(name.strip());
        if (urlOfQueue.putIfAbsent(queue, url) != null) {
          throw new IllegalArgumentException(
              "queue '" + queue + "' is routed twice in " + Dbq.ENV_ROUTES + ": route it once");
        }
        queues.add(queue);
      }
    }
    return new QueueRoutes(byUrl);
  }
}
