package dev.dbq.runtime.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbq.runtime.JobInfo;
import dev.dbq.runtime.StepRun;
import dev.dbq.runtime.internal.WorkspaceCodec;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A job as one JSON object: {@code dbq list --json} writes one per line. Field names are the
 * table's columns in snake case; the workspace is the stored JSON object itself, not a string.
 */
final class JobJson {
  private JobJson() {}

  static String line(JobInfo job) {
    ObjectMapper mapper = WorkspaceCodec.mapper();
    ObjectNode node = mapper.createObjectNode();
    node.put("id", job.id().toString());
    node.put("name", job.name());
    node.put("queue", job.queue());
    node.put("priority", job.priority());
    node.put("state", job.state().name());
    node.put("next_step", job.nextStep());
    node.put("attempt", job.attempt());
    node.put("created", text(job.created()));
    node.put("modified", text(job.modified()));
    node.put("run_after", text(job.runAfter()));
    node.put("last_error", job.lastError());
    node.put("runs", job.history().size());
    StepRun last = job.history().isEmpty() ? null : job.history().get(job.history().size() - 1);
    node.put("last_worker", last == null ? null : last.worker());
    node.set("workspace", workspace(mapper, job.workspace()));
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // a tree of plain values always writes
    }
  }

  /** The stored workspace as a tree (jsonb wrote it, so it parses). */
  static JsonNode workspace(ObjectMapper mapper, String json) {
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
