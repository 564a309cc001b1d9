package dev.dbq.runtime.internal.store;

import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The parameters of {@link SqlStatement#INSERT_JOBS} and {@link SqlStatement#INSERT_UNIQUE_JOBS}:
 * one array per column, one element per job, in the batch's order (as {@link SaveBatchColumns} is
 * for the save). The unique jobs' two columns are bound only by the statement that has them.
 */
final class InsertColumns {
  private final String[] ids;
  private final String[] names;
  private final String[] queues;
  private final Integer[] priorities;
  private final String[] workspaces;
  private final String[] runAfters;
  private final Long[] delays;
  // null unless some job has one: without tracing the statement binds one NULL, not an array
  private String[] traceContexts;
  private final String[] uniqueKeys;
  private final String[] uniqueStates;

  InsertColumns(List<NewJob> jobs) {
    int n = jobs.size();
    ids = new String[n];
    names = new String[n];
    queues = new String[n];
    priorities = new Integer[n];
    workspaces = new String[n];
    runAfters = new String[n];
    delays = new Long[n];
    uniqueKeys = new String[n];
    uniqueStates = new String[n];
    for (int i = 0; i < n; i++) {
      NewJob job = jobs.get(i);
      ids[i] = job.id().toString();
      names[i] = job.name();
      queues[i] = job.queue();
      priorities[i] = job.priority();
      workspaces[i] = job.workspaceJson();
      runAfters[i] =
          job.runAfter() == null ? null : job.runAfter().truncatedTo(ChronoUnit.MICROS).toString();
      delays[i] = job.runAfterDelay() == null ? null : JobStore.micros(job.runAfterDelay());
      if (job.traceContextJson() != null) {
        if (traceContexts == null) {
          traceContexts = new String[n];
        }
        traceContexts[i] = job.traceContextJson();
      }
      if (job.unique() != null) {
        uniqueKeys[i] = job.unique().hex();
        uniqueStates[i] = String.join(",", job.unique().states());
      }
    }
  }

  /**
   * Binds the arrays to their named parameters, the unique jobs' too when {@code withUnique} (the
   * statement {@link SqlStatement#INSERT_UNIQUE_JOBS}).
   */
  NamedStatement bindTo(NamedStatement s, boolean withUnique) throws SQLException {
    s.setArray("ids", "text", ids)
        .setArray("names", "text", names)
        .setArray("queues", "text", queues)
        .setArray("priorities", "int4", priorities)
        .setArray("workspaces", "text", workspaces)
        .setArray("run_afters", "text", runAfters)
        .setArray("delays_us", "int8", delays)
        .setArray("trace_contexts", "text", traceContexts);
    if (withUnique) {
      s.setArray("unique_keys", "text", uniqueKeys).setArray("unique_states", "text", uniqueStates);
    }
    return s;
  }
}
