package dev.dbq.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A trace context as {@code dbq_job.trace_context} stores it: a JSON object of string fields (a
 * propagator's carrier). Written when an enqueue interceptor gives one; read lazily, so a worker
 * whose listeners never ask parses nothing. What PostgreSQL gives back is nearly always a flat
 * object of strings ({@code {"traceparent": "00-..."}}), which {@link FlatObject} reads without
 * Jackson's parser and tree (a tracing worker reads one per step); anything else goes to Jackson.
 */
public final class TraceContextJson {
  private TraceContextJson() {}

  /**
   * @return the fields as a JSON object, or null when there are none
   */
  public static String write(Map<String, String> fields) {
    if (fields == null || fields.isEmpty()) {
      return null;
    }
    try {
      return WorkspaceCodec.mapper().writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("trace context cannot be written as JSON: " + fields, e);
    }
  }

  /**
   * @param json a stored trace context, or null
   * @return its string fields, parsed at the first look; empty for null or for a value that is not
   *     a JSON object
   */
  public static Map<String, String> read(String json) {
    return json == null ? Map.of() : new Stored(json);
  }

  /** Parses on the first look, then keeps the fields. */
  private static final class Stored extends AbstractMap<String, String> {
    private final String json;
    private volatile Map<String, String> fields;

    Stored(String json) {
      this.json = json;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      return fields().entrySet();
    }

    @Override
    public String get(Object key) {
      return fields().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return fields().containsKey(key);
    }

    private Map<String, String> fields() {
      Map<String, String> f = fields;
      if (f == null) {
        f = parse(json);
        fields = f;
      }
      return f;
    }

    private static Map<String, String> parse(String json) {
      Map<String, String> flat = FlatObject.parse(json);
      return flat != null ? flat : parseTree(json);
    }

    private static Map<String, String> parseTree(String json) {
      JsonNode tree;
      try {
        tree = WorkspaceCodec.mapper().readTree(json);
      } catch (JsonProcessingException e) {
        return Map.of(); // written by an operator's hand, say: no context rather than a failure
      }
      if (tree == null || !tree.isObject()) {
        return Map.of();
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : tree.properties()) {
        if (e.getValue().isTextual()) {
          fields.put(e.getKey(), e.getValue().textValue());
        }
      }
      return Collections.unmodifiableMap(fields);
    }
  }
}
