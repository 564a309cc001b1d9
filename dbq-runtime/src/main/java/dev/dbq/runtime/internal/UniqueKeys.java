package dev.dbq.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.dbq.runtime.WorkspaceException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Computes a unique job's key: the SHA-256 of a versioned text that holds the job name, the chosen
 * workspace fields as canonical JSON (object keys sorted at every depth, no spaces), and, with a
 * period, its length and the start of the period the run time falls in (periods counted from the
 * epoch, so {@code 1h} periods start on the hour, UTC).
 *
 * <p>Why a hash and not the text: the values are the user's and may be long, a B-tree entry may not
 * be (about 2.7 kB), and a fixed 32 bytes keeps the index small. Why computed here and not in SQL:
 * the values are read from the same JSON text the insert stores, with the runtime's one mapper, so
 * every process computes the same key for the same request, and the statement stays a plain insert.
 */
public final class UniqueKeys {
  /** Changes when the text hashed changes, so that keys of different versions never meet. */
  private static final String VERSION = "dbq-unique-v1";

  private UniqueKeys() {}

  /**
   * @param jobName the job name
   * @param fields the workspace properties of the key, sorted
   * @param period the period's length, or empty for none
   * @param workspaceJson the workspace as it is stored, a JSON object
   * @param runTime when the job may run first (its runAfter, or the enqueuing moment)
   * @return the key, 64 hex digits
   * @throws WorkspaceException when the workspace is not a JSON object
   */
  public static String of(
      String jobName,
      List<String> fields,
      Optional<Duration> period,
      String workspaceJson,
      Instant runTime) {
    StringBuilder text = new StringBuilder(VERSION).append('\n').append(jobName).append('\n');
    text.append(fieldsJson(fields, workspaceJson)).append('\n');
    period.ifPresent(
        p -> {
          long millis = p.toMillis();
          long start = Math.floorDiv(runTime.toEpochMilli(), millis) * millis;
          text.append(millis).append('@').append(start);
        });
    return HexFormat.of().formatHex(sha256(text.toString()));
  }

  /** The chosen fields as one canonical JSON object; a missing field is {@code null}. */
  static String fieldsJson(List<String> fields, String workspaceJson) {
    if (fields.isEmpty()) {
      return "{}";
    }
    JsonNode workspace;
    try {
      workspace = WorkspaceCodec.mapper().readTree(workspaceJson);
    } catch (JsonProcessingException e) {
      throw new WorkspaceException("workspace is not JSON: " + e.getOriginalMessage());
    }
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < fields.size(); i++) {
      String field = fields.get(i);
      JsonNode value = workspace.get(field);
      if (i > 0) {
        out.append(',');
      }
      out.append(quoted(field)).append(':');
      canonical(value == null ? NullNode.getInstance() : value, out);
    }
    return out.append('}').toString();
  }

  private static void canonical(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      Collections.sort(names);
      out.append('{');
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(quoted(names.get(i))).append(':');
        canonical(node.get(names.get(i)), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        canonical(node.get(i), out);
      }
      out.append(']');
    } else {
      // scalars: Jackson's own JSON text of the value (strings quoted and escaped)
      out.append(node.toString());
    }
  }

  private static String quoted(String name) {
    try {
      return WorkspaceCodec.mapper().writeValueAsString(name);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot quote a field name", e);
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
