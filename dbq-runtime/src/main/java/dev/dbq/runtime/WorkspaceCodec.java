package dev.dbq.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts workspaces between their stored JSON and what steps receive: a typed workspace instance
 * or the untyped {@code Map}. One configuration for the whole runtime: no default typing or
 * polymorphic handling (a stored row never chooses which class is instantiated), Java time types as
 * ISO-8601 strings, and unknown properties ignored so that a workspace written by an older version
 * of a job still binds after a field was removed.
 */
final class WorkspaceCodec {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private WorkspaceCodec() {}

  /** The shared mapper, for code that reads JSON other than workspaces. */
  static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Serializes a workspace.
   *
   * @param workspace a typed instance, a {@code Map}, or null (stored as {@code {}})
   * @return a JSON object
   * @throws WorkspaceException when it does not serialize to a JSON object, or to one larger than
   *     {@link Dbq#MAX_WORKSPACE_BYTES}
   */
  static String toJson(Object workspace) {
    if (workspace == null || (workspace instanceof Map<?, ?> map && map.isEmpty())) {
      return "{}";
    }
    String json;
    try {
      // straight to text in one pass (every step's save does this); a tree is built only to name
      // what a non-object was
      json = MAPPER.writeValueAsString(workspace);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new WorkspaceException(
          "workspace of type "
              + workspace.getClass().getName()
              + " cannot be written as JSON: "
              + rootMessage(e));
    }
    if (json.isEmpty() || json.charAt(0) != '{') {
      throw new WorkspaceException(
          "workspace must be a JSON object, but "
              + workspace.getClass().getName()
              + " is written as "
              + MAPPER.valueToTree(workspace).getNodeType().toString().toLowerCase());
    }
    WorkspaceLimits.checkWritten(json);
    return json;
  }

  /**
   * Reads an untyped workspace.
   *
   * @param json the stored JSON
   * @return a mutable map
   * @throws WorkspaceException when the JSON is not an object
   */
  static Map<String, Object> toMap(String json) {
    if (json == null || json.equals("{}")) {
      return new LinkedHashMap<>();
    }
    try {
      // one pass to the map; what is not an object is read again as a tree, to say what it is
      LinkedHashMap<String, Object> map = MAPPER.readValue(json, MAP);
      return map == null ? new LinkedHashMap<>() : map;
    } catch (MismatchedInputException notAnObject) {
      return nonObject(json);
    } catch (JsonProcessingException e) {
      throw new WorkspaceException("workspace is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static Map<String, Object> nonObject(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || node.isNull() || node.isMissingNode()) {
        return new LinkedHashMap<>();
      }
      if (!node.isObject()) {
        throw new WorkspaceException(
            "workspace must be a JSON object, was " + node.getNodeType().toString().toLowerCase());
      }
      return MAPPER.convertValue(node, MAP);
    } catch (JsonProcessingException e) {
      throw new WorkspaceException("workspace is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * Reads a workspace as the job expects it.
   *
   * @param json the stored JSON
   * @param type the typed workspace class, or null for the untyped map
   * @return the instance or map
   * @throws WorkspaceException when the JSON does not bind to {@code type}
   */
  static Object read(String json, Class<?> type) {
    if (type == null) {
      return toMap(json);
    }
    try {
      return MAPPER.readValue(json == null ? "{}" : json, type);
    } catch (JsonProcessingException e) {
      throw new WorkspaceException(
          "workspace does not bind to " + type.getName() + ": " + e.getOriginalMessage());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
