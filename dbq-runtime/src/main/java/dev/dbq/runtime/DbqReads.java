package dev.dbq.runtime;

import dev.dbq.runtime.internal.store.ActivityReader;
import dev.dbq.runtime.internal.store.JobStore;
import dev.dbq.runtime.internal.store.Migrator;
import dev.dbq.runtime.internal.store.QueueStatsReader;
import dev.dbq.runtime.internal.store.ScheduleStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * What {@link Dbq}'s reads and maintenance calls do, on every database it serves (one unless it
 * routes queues): {@link Dbq} holds their contracts, this class their work, so that each stays
 * readable.
 */
final class DbqReads {
  /** The buckets of {@link Dbq#recentActivity(Duration)}: a minute each over the last hour. */
  private static final int RECENT_ACTIVITY_BUCKETS = 60;

  private final Databases databases;

  DbqReads(Databases databases) {
    this.databases = databases;
  }

  void migrate() {
    for (DataSource database : databases.all()) {
      Migrator.migrate(database);
    }
  }

  List<String> missingMigrations() {
    Set<String> missing = new LinkedHashSet<>();
    for (List<String> names : readEach("cannot read the applied migrations", Migrator::missing)) {
      missing.addAll(names);
    }
    // each list keeps the scripts' order; across databases, order by version again
    return missing.stream().sorted(Comparator.comparingInt(DbqReads::migrationVersion)).toList();
  }

  private static int migrationVersion(String script) {
    return Integer.parseInt(script.substring(1, script.indexOf("__")));
  }

  Map<String, Long> queueDepths(boolean excludeFutureJobs) {
    Map<String, Long> depths = new TreeMap<>();
    for (Map<String, Long> each :
        readEach("cannot read queue depths", c -> JobStore.queueDepths(c, excludeFutureJobs))) {
      each.forEach((queue, depth) -> depths.merge(queue, depth, Long::sum));
    }
    return Collections.unmodifiableMap(depths);
  }

  List<QueueStats> queueStats() {
    List<List<QueueStats>> each = readEach("cannot read queue stats", QueueStatsReader::read);
    return each.size() == 1 ? each.get(0) : RoutedReads.mergeStats(each);
  }

  RecentActivity recentActivity(Duration window) {
    Objects.requireNonNull(window, "window");
    if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException(
          "the activity window must be between 1 second and 7 days, was " + window);
    }
    try (Connection c = databases.all().get(0).getConnection()) {
      return ActivityReader.read(c, window, RECENT_ACTIVITY_BUCKETS);
    } catch (SQLException e) {
      throw new DbqException("cannot read recent activity: " + e.getMessage(), e);
    }
  }

  int deleteOldJobs(Duration olderThan) {
    if (Objects.requireNonNull(olderThan, "olderThan").isNegative()) {
      throw new IllegalArgumentException("olderThan must not be negative, was " + olderThan);
    }
    return readEach("cannot delete old jobs", c -> JobStore.deleteOld(c, olderThan)).stream()
        .mapToInt(Integer::intValue)
        .sum();
  }

  Optional<JobInfo> findJob(UUID id) {
    Objects.requireNonNull(id, "id");
    for (DataSource database : databases.all()) {
      try (Connection c = database.getConnection()) {
        Optional<JobInfo> found = JobStore.find(c, id);
        if (found.isPresent()) {
          return found; // an id is random: it is in one database at most
        }
      } catch (SQLException e) {
        throw new DbqException("cannot find job " + id + ": " + e.getMessage(), e);
      }
    }
    return Optional.empty();
  }

  Map<JobState, Long> countByState() {
    List<Map<JobState, Long>> each = readEach("cannot count jobs by state", JobStore::countByState);
    if (each.size() == 1) {
      return each.get(0);
    }
    Map<JobState, Long> counts = new EnumMap<>(JobState.class);
    each.forEach(m -> m.forEach((state, n) -> counts.merge(state, n, Long::sum)));
    return Collections.unmodifiableMap(counts);
  }

  List<ScheduleInfo> schedules() {
    List<ScheduleInfo> all = new ArrayList<>();
    Instant now = Instant.now();
    for (DataSource database : databases.all()) {
      try {
        all.addAll(ScheduleListing.list(new ScheduleStore(database), now));
      } catch (SQLException e) {
        throw new DbqException("cannot list schedules: " + e.getMessage(), e);
      }
    }
    if (databases.isRouted()) {
      all.sort(Comparator.comparing(ScheduleInfo::jobName));
    }
    return List.copyOf(all);
  }

  /** The data source serving all the given queues, for a worker built with this queue. */
  DataSource dataSourceServing(List<String> queueNames) {
    return databases.all().get(databases.indexServing(queueNames, "a worker"));
  }

  /** The queues that live in the same database as all the given ones (every queue unrouted). */
  Predicate<String> queuesWith(List<String> queueNames) {
    if (!databases.isRouted()) {
      return queue -> true;
    }
    int index = databases.indexServing(queueNames, "a worker");
    return queue -> databases.indexOf(queue) == index;
  }

  /** A read of one database. */
  @FunctionalInterface
  private interface Read<T> {
    T apply(Connection c) throws SQLException;
  }

  /** The read on every database, the default one first. */
  private <T> List<T> readEach(String what, Read<T> read) {
    List<T> results = new ArrayList<>();
    for (DataSource database : databases.all()) {
      try (Connection c = database.getConnection()) {
        results.add(read.apply(c));
      } catch (SQLException e) {
        throw new DbqException(what + ": " + e.getMessage(), e);
      }
    }
    return results;
  }
}
