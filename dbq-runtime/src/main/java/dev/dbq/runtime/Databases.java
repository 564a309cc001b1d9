package dev.dbq.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The databases of one {@link Dbq} and which of them serves each queue: index 0 is the default
 * database (every queue not routed), then one per distinct routed data source, in the order first
 * routed. Each database holds an independent dbq schema; a queue lives in exactly one. Immutable.
 */
final class Databases {
  /** Queues that a routed database serves, as a builder or {@link Dbq#ENV_ROUTES} names them. */
  record Route(List<String> queues, DataSource dataSource) {}

  private final List<DataSource> sources;
  private final Map<String, Integer> routes; // queue -> index of its database, >= 1

  private Databases(List<DataSource> sources, Map<String, Integer> routes) {
    this.sources = List.copyOf(sources);
    this.routes = Map.copyOf(routes);
  }

  /**
   * The default database and the routed ones. A data source routed again (the same object) is the
   * same database; a queue routed to the default data source stays in the default database.
   *
   * @param defaultSource the database of every queue not routed
   * @param routes the routed queues, no queue twice
   * @param wrap how the {@code Dbq} uses each data source (behind a transaction pooler, wrapped)
   */
  static Databases of(
      DataSource defaultSource, List<Route> routes, UnaryOperator<DataSource> wrap) {
    List<DataSource> sources = new ArrayList<>();
    Map<DataSource, Integer> indexes = new IdentityHashMap<>();
    Map<String, Integer> routeIndexes = new HashMap<>();
    indexes.put(defaultSource, 0);
    sources.add(wrap.apply(defaultSource));
    for (Route route : routes) {
      int index =
          indexes.computeIfAbsent(
              route.dataSource(),
              ds -> {
                sources.add(wrap.apply(ds));
                return sources.size() - 1;
              });
      if (index > 0) {
        route.queues().forEach(queue -> routeIndexes.put(queue, index));
      }
    }
    return new Databases(sources, routeIndexes);
  }

  /** Whether some queue is served by a database other than the default one. */
  boolean isRouted() {
    return sources.size() > 1;
  }

  /** Every database, the default one first. */
  List<DataSource> all() {
    return sources;
  }

  /** The index of the database that serves the queue: 0, the default, unless it is routed. */
  int indexOf(String queue) {
    return queue == null ? 0 : routes.getOrDefault(queue, 0);
  }

  /** The database that serves the queue. */
  DataSource forQueue(String queue) {
    return sources.get(indexOf(queue));
  }

  /**
   * The index of the one database that serves all the queues.
   *
   * @param what what needs them in one database, for the message ("a worker", "a batch")
   * @throws IllegalArgumentException when they are served by more than one database
   */
  int indexServing(Collection<String> queues, String what) {
    TreeMap<Integer, TreeSet<String>> byDatabase = new TreeMap<>();
    for (String queue : queues) {
      byDatabase.computeIfAbsent(indexOf(queue), i -> new TreeSet<>()).add(queue);
    }
    if (byDatabase.size() > 1) {
      List<String> parts = new ArrayList<>();
      byDatabase.forEach((index, names) -> parts.add(names + " on " + describe(index)));
      throw new IllegalArgumentException(
          what
              + " must stay within one database, but its queues are routed apart: "
              + String.join(", ", parts));
    }
    return byDatabase.isEmpty() ? 0 : byDatabase.firstKey();
  }

  /** A database as messages name it: the default one, or by the queues routed to it. */
  String describe(int index) {
    if (index == 0) {
      return "the default database";
    }
    TreeSet<String> queues = new TreeSet<>();
    routes.forEach(
        (queue, i) -> {
          if (i == index) {
            queues.add(queue);
          }
        });
    return "the database routed for " + queues;
  }
}
