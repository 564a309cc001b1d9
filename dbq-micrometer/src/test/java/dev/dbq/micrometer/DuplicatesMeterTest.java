package dev.dbq.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.Uniqueness;
import dev.dbq.testsupport.FreshDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code dbq.jobs.duplicates{job,queue}}: registered at zero for the catalog's unique jobs only,
 * counting the enqueues refused as duplicates, which {@code dbq.jobs.enqueued} does not count.
 */
class DuplicatesMeterTest {
  private static final JobDefinition REFRESH =
      JobDefinition.builder("refresh").unique(Uniqueness.byName()).step("run", c -> null).build();
  private static final JobDefinition PLAIN =
      JobDefinition.builder("plain").step("run", c -> null).build();
  private static final JobCatalog CATALOG = JobCatalog.of(PLAIN, REFRESH);

  @RegisterExtension static final FreshDatabase db = new FreshDatabase();

  private final MeterRegistry registry = new SimpleMeterRegistry();

  private double counter(String name, String job, String queue) {
    return registry.get(name).tags("job", job, "queue", queue).counter().count();
  }

  @Test
  void theCounterIsRegisteredUpFrontForUniqueJobsOnly() {
    DbqMetrics.builder(registry, CATALOG).build();
    assertEquals(0, counter("dbq.jobs.duplicates", "refresh", "default"));
    assertNull(registry.find("dbq.jobs.duplicates").tags("job", "plain").counter());
  }

  @Test
  void refusedDuplicatesAreCountedApartFromTheJobsEnqueued() {
    DbqMetrics metrics = DbqMetrics.builder(registry, CATALOG).build();
    db.dbq().addListener(metrics);
    try {
      new Job(REFRESH).enqueue(db.dbq());
      new Job(REFRESH).enqueue(db.dbq());
      db.dbq().enqueueAll(List.of(new Job(REFRESH), new Job(PLAIN), new Job(REFRESH)));
      // another queue, not named up front: its counter is registered at its first duplicate
      assertTrue(new Job(REFRESH).queue("other").submit(db.dbq()).duplicate());
    } finally {
      db.dbq().removeListener(metrics);
    }
    assertEquals(1, counter("dbq.jobs.enqueued", "refresh", "default"));
    assertEquals(3, counter("dbq.jobs.duplicates", "refresh", "default"));
    assertEquals(1, counter("dbq.jobs.duplicates", "refresh", "other"));
    assertEquals(1, counter("dbq.jobs.enqueued", "plain", "default"));
  }
}
