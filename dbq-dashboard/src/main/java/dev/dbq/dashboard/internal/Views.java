package dev.dbq.dashboard.internal;

import dev.dbq.runtime.JobCounts;
import dev.dbq.runtime.JobInfo;
import dev.dbq.runtime.JobState;
import dev.dbq.runtime.QueueInfo;
import dev.dbq.runtime.RecentActivity;
import dev.dbq.runtime.ScheduleInfo;
import dev.dbq.runtime.StepHistory;
import dev.dbq.runtime.StepRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON the front end reads: the runtime's records turned into plain maps, so that the API's
 * shape is written down here and does not follow every change of a record. Instants are ISO-8601
 * text, durations seconds; absent values are null.
 */
final class Views {
  private Views() {}

  /** A job as a row of the jobs page: no workspace, no history. */
  static Map<String, Object> jobRow(JobInfo job) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", job.id().toString());
    row.put("name", job.name());
    row.put("queue", job.queue());
    row.put("priority", job.priority());
    row.put("state", job.state().name());
    row.put("nextStep", job.nextStep());
    row.put("attempt", job.attempt());
    row.put("created", text(job.created()));
    row.put("modified", text(job.modified()));
    row.put("runAfter", text(job.runAfter()));
    row.put("lastError", job.lastError());
    return row;
  }

  /** A job with its workspace and its steps, each with every run. */
  static Map<String, Object> jobDetail(JobInfo job) {
    Map<String, Object> detail = jobRow(job);
    detail.put("workspace", job.workspace());
    List<Object> steps = new ArrayList<>();
    for (StepHistory step : job.steps()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("index", step.index());
      s.put("name", step.name());
      List<Object> runs = new ArrayList<>();
      for (StepRun run : step.runs()) {
        runs.add(run(run));
      }
      s.put("runs", runs);
      steps.add(s);
    }
    detail.put("steps", steps);
    return detail;
  }

  private static Map<String, Object> run(StepRun run) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("attempt", run.attempt());
    r.put("worker", run.worker());
    r.put("started", text(run.started()));
    r.put("ended", text(run.ended()));
    r.put("seconds", seconds(run.duration()));
    r.put("outcome", run.outcome().name());
    r.put("error", run.error());
    r.put("stackTrace", run.stackTrace());
    return r;
  }

  static Map<String, Object> queue(QueueInfo queue) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("name", queue.name());
    q.put("paused", queue.paused());
    q.put(
        "concurrencyLimit",
        queue.concurrencyLimit().isPresent() ? queue.concurrencyLimit().getAsInt() : null);
    q.put("jobs", states(queue.jobs()));
    q.put("waiting", queue.waiting());
    q.put("running", queue.running());
    q.put("oldestWaitingSeconds", queue.oldestWaiting().map(Views::seconds).orElse(null));
    return q;
  }

  static Map<String, Object> counts(JobCounts counts) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("total", counts.total());
    c.put("byState", states(counts.byState()));
    return c;
  }

  static Map<String, Object> activity(RecentActivity activity) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("since", text(activity.since()));
    a.put("until", text(activity.until()));
    a.put("bucketSeconds", seconds(activity.bucket()));
    a.put("complete", activity.complete());
    List<Object> buckets = new ArrayList<>();
    for (RecentActivity.Bucket b : activity.buckets()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("start", text(b.start()));
      m.put("succeeded", b.succeeded());
      m.put("failed", b.failed());
      m.put("retried", b.retried());
      m.put("other", b.other());
      buckets.add(m);
    }
    a.put("buckets", buckets);
    List<Object> workers = new ArrayList<>();
    for (RecentActivity.WorkerSeen w : activity.workers()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("worker", w.worker());
      m.put("holding", w.holding());
      m.put("lastRunEnded", w.lastRunEnded().map(Views::text).orElse(null));
      workers.add(m);
    }
    a.put("workers", workers);
    return a;
  }

  static Map<String, Object> schedule(ScheduleInfo schedule) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("jobName", schedule.jobName());
    s.put("cron", schedule.cron());
    s.put("zone", schedule.zone().getId());
    s.put("lastSeen", text(schedule.lastSeen()));
    s.put("nextFireTime", schedule.nextFireTime().map(Views::text).orElse(null));
    s.put("lastFireTime", schedule.lastFireTime().map(Views::text).orElse(null));
    s.put("lastJob", schedule.lastJob().map(Object::toString).orElse(null));
    s.put("lastOutcome", schedule.lastOutcome());
    return s;
  }

  static Map<String, Long> states(Map<JobState, Long> counts) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (JobState state : JobState.values()) {
      m.put(state.name(), counts.getOrDefault(state, 0L));
    }
    return m;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
