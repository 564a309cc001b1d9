package dev.dbq.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The jobs a worker can run, by name. The annotation processor generates one implementation per
 * compilation and registers it in {@code META-INF/services/dev.dbq.runtime.JobCatalog}, so {@link
 * #loadAll()} (and {@code DbqWorker.main}) finds it on the class path.
 */
public interface JobCatalog {

  /**
   * The jobs of this catalog.
   *
   * @return the definitions, sorted by name
   */
  List<JobDefinition> jobs();

  /**
   * Looks up a job by name.
   *
   * @param name the job name
   * @return its definition, or empty when this catalog does not know it
   */
  default Optional<JobDefinition> job(String name) {
    for (JobDefinition job : jobs()) {
      if (job.name().equals(name)) {
        return Optional.of(job);
      }
    }
    return Optional.empty();
  }

  /**
   * A catalog of the given definitions.
   *
   * @param jobs the definitions; names must be unique
   * @return the catalog
   * @throws IllegalArgumentException when two definitions share a name
   */
  static JobCatalog of(JobDefinition... jobs) {
    return of(Arrays.asList(jobs));
  }

  /**
   * A catalog of the given definitions.
   *
   * @param jobs the definitions; names must be unique
   * @return the catalog
   * @throws IllegalArgumentException when two definitions share a name
   */
  static JobCatalog of(List<JobDefinition> jobs) {
    Map<String, JobDefinition> byName = new TreeMap<>();
    for (JobDefinition job : jobs) {
      if (byName.putIfAbsent(job.name(), job) != null) {
        throw new IllegalArgumentException("two jobs are named '" + job.name() + "'");
      }
    }
    List<JobDefinition> sorted = Collections.unmodifiableList(new ArrayList<>(byName.values()));
    return new JobCatalog() {
      @Override
      public List<JobDefinition> jobs() {
        return sorted;
      }

      @Override
      public Optional<JobDefinition> job(String name) {
        return Optional.ofNullable(byName.get(name));
      }
    };
  }

  /**
   * Every catalog registered with {@link ServiceLoader} on the class path, merged into one. Each
   * compilation that declares jobs generates a catalog of its own (in its own package), so a worker
   * whose class path holds several modules runs the jobs of all of them.
   *
   * @return the merged catalog (empty when none is registered)
   * @throws IllegalArgumentException when two catalogs define the same job name, naming both
   */
  static JobCatalog loadAll() {
    return loadAll(Thread.currentThread().getContextClassLoader());
  }

  /**
   * Every catalog registered with {@link ServiceLoader} in the given class loader, merged.
   *
   * @param loader the class loader to search
   * @return the merged catalog
   * @throws IllegalArgumentException when two catalogs define the same job name
   */
  static JobCatalog loadAll(ClassLoader loader) {
    List<JobDefinition> all = new ArrayList<>();
    Map<String, String> definedBy = new TreeMap<>();
    for (JobCatalog catalog : ServiceLoader.load(JobCatalog.class, loader)) {
      String source = catalog.getClass().getName();
      for (JobDefinition job : catalog.jobs()) {
        String first = definedBy.putIfAbsent(job.name(), source);
        if (first != null) {
          // a worker cannot tell which one a stored row means: refuse to start
          throw new IllegalArgumentException(
              "job '"
                  + job.name()
                  + "' is defined by two catalogs on the class path, "
                  + first
                  + " and "
                  + source
                  + "; job names must be unique across every module a worker loads: rename one"
                  + " of the jobs");
        }
        all.add(job);
      }
    }
    return of(all);
  }
}
