/**
 * Every statement dbq runs, and its execution: enqueue ({@code Enqueuer}, the pipeline behind
 * {@code Dbq.enqueueAll}: {@code EnqueueCombiner} batching concurrent callers, {@code JobStore}'s
 * insert, {@code UniqueInsert} for batches with unique jobs, {@code Notifier} coalescing the
 * NOTIFYs, and the failure that names the jobs), the worker's claim, save, lease and hand-back
 * statements ({@code WorkerStore}), the migrations ({@code Migrator}). Each statement is a
 * commented file in the {@code sql/} resource folder beside this package, with named parameters,
 * listed in {@code SqlStatement} and bound by {@code NamedStatement}, the only class that prepares
 * a {@code java.sql.PreparedStatement} ({@code LayeringTest} checks that nothing outside this
 * package does).
 *
 * <p>The migration scripts stay at {@code dev/dbq/runtime/migrations/}, not beside this package:
 * that folder is documented for teams that apply the scripts with Flyway or Liquibase.
 *
 * <p>The rows the store reads and writes for the worker live here too: {@code Claim} (a claimed
 * job) and {@code StepOutcome} (what a step decided, which the save writes). The worker makes and
 * reads them, but the store must not depend on the worker ({@code LayeringTest}), so the types of
 * its own statements' inputs and outputs belong to it. Likewise {@code NewJob}, the row an enqueue
 * inserts; the API makes it from a builder.
 *
 * <p>Not API: public only for the runtime's own use, left out of the javadoc.
 */
package dev.dbq.runtime.internal.store;
