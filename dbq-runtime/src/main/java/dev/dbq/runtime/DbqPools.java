package dev.dbq.runtime;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbq.runtime.internal.ConnectionSettings;
import dev.dbq.runtime.internal.OwnPool;
import dev.dbq.runtime.internal.QueueRoutes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@link Dbq} that opens its own pools ({@link Dbq#connect(String)}, {@link
 * Dbq#fromEnvironment()}): one for the database of the URL and one per routed database, all closed
 * again when one of them cannot be opened.
 */
final class DbqPools {
  private DbqPools() {}

  static Dbq connect(ConnectionSettings settings, QueueRoutes routes) {
    List<HikariDataSource> pools = new ArrayList<>();
    try {
      pools.add(open(settings, settings.url()));
      List<Databases.Route> routed = new ArrayList<>();
      for (Map.Entry<String, List<String>> route : routes.byUrl().entrySet()) {
        HikariDataSource pool = open(settings, route.getKey());
        pools.add(pool);
        routed.add(new Databases.Route(route.getValue(), pool));
      }
      return new Dbq(
          pools.get(0),
          pools,
          null,
          InstanceFactory.NEW_INSTANCE_PER_CALL,
          settings.transactionPooling(),
          routed);
    } catch (RuntimeException e) {
      pools.forEach(HikariDataSource::close); // a pool opened before the one that failed
      throw e;
    }
  }

  private static HikariDataSource open(ConnectionSettings settings, String url) {
    return OwnPool.open(url, settings.user(), settings.password(), Dbq.DEFAULT_POOL_SIZE);
  }
}
