package dev.dbq.runtime.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.dbq.runtime.Dbq;
import dev.dbq.runtime.WorkspaceException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts workspaces between their stored JSON and what steps receive: a typed workspace instance
 * or the untyped {@code Map}. One configuration for the whole runtime: no default typing or
 * polymorphic handling (a stored row never chooses which class is instantiated), Java time types as
 * ISO-8601 strings, and unknown properties ignored so that a workspace written by an older version
 * of a job still binds after a field was removed.
 *
 * <p>Strict where silence would change data: an untyped workspace holds every non-integer number as
 * the exact {@link java.math.BigDecimal} it was written as (integers as {@code Integer}, {@code
 * Long} or {@code BigInteger}, whichever holds them), so a step that touches one field never
 * rewrites another; JSON text with anything after its value, or with a key twice, is refused; and
 * {@link WorkspaceLimits#problemWithValue} refuses what {@code jsonb} cannot store or JSON cannot
 * say.
 */
public final class WorkspaceCodec {
  /**
   * The longest number read, in characters: {@code jsonb} stores up to 131,072 digits before the
   * point and 16,383 after, and a workspace number it can hold must come back as it went in
   * (Jackson's own default, 1,000, would fail such a row).
   */
  static final int MAX_NUMBER_LENGTH = 131_072 + 16_383 + 16;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNumberLength(MAX_NUMBER_LENGTH).build())
                  .build())
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          // 1.50 stays 1.50, as jsonb keeps it
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();
  // reads one value and leaves the parser there, so that what follows can be named
  private static final ObjectReader ONE_TREE =
      MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private WorkspaceCodec() {}

  /** The shared mapper, for code that reads JSON other than workspaces. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Serializes a workspace.
   *
   * @param workspace a typed instance, a {@code Map}, or null (stored as {@code {}})
   * @return a JSON object
   * @throws WorkspaceException when it does not serialize to a JSON object, holds a value {@code
   *     jsonb} cannot store, or is larger than {@link Dbq#MAX_WORKSPACE_BYTES}
   */
  public static String toJson(Object workspace) {
    if (workspace == null || (workspace instanceof Map<?, ?> map && map.isEmpty())) {
      return "{}";
    }
    JsonNode node;
    try {
      // through a tree: what jsonb cannot store (NUL, a lone surrogate, a non-finite number) is
      // only told apart from a string that reads the same before it is written
      node = MAPPER.valueToTree(workspace);
    } catch (IllegalArgumentException e) {
      throw new WorkspaceException(
          "workspace of type "
              + workspace.getClass().getName()
              + " cannot be written as JSON: "
              + rootMessage(e));
    }
    if (!node.isObject()) {
      throw new WorkspaceException(
          "workspace must be a JSON object, but "
              + workspace.getClass().getName()
              + " is written as "
              + node.getNodeType().toString().toLowerCase());
    }
    String problem = WorkspaceLimits.problemWithValue(node);
    if (problem != null) {
      throw new WorkspaceException("workspace " + problem);
    }
    String json = node.toString();
    WorkspaceLimits.checkWritten(json);
    return json;
  }

  /**
   * Reads an untyped workspace.
   *
   * @param json the stored or given JSON; null is taken as {@code {}}
   * @return a mutable map
   * @throws WorkspaceException when the text is not exactly one JSON object
   */
  public static Map<String, Object> toMap(String json) {
    if (json == null || json.equals("{}")) {
      return new LinkedHashMap<>();
    }
    return MAPPER.convertValue(tree(json), MAP);
  }

  /**
   * Reads a workspace as the job expects it.
   *
   * @param json the stored JSON (or JSON already checked by {@link #parseGiven})
   * @param type the typed workspace class, or null for the untyped map
   * @return the instance or map
   * @throws WorkspaceException when the JSON does not bind to {@code type}
   */
  public static Object read(String json, Class<?> type) {
    if (type == null) {
      return readStoredMap(json);
    }
    try {
      return MAPPER.readValue(json == null ? "{}" : json, type);
    } catch (JsonProcessingException e) {
      throw new WorkspaceException(
          "workspace does not bind to " + type.getName() + ": " + e.getOriginalMessage());
    }
  }

  /**
   * Every step reads its workspace: in one pass to the map (the same mapper, so as exact and as
   * strict about the text as {@link #toMap}); only text that does not read is read again as a tree,
   * to say what it is.
   */
  private static Map<String, Object> readStoredMap(String json) {
    if (json == null || json.equals("{}")) {
      return new LinkedHashMap<>();
    }
    try {
      LinkedHashMap<String, Object> map = MAPPER.readValue(json, MAP);
      if (map != null) {
        return map;
      }
    } catch (JsonProcessingException e) {
      // not one JSON object: toMap names what it is instead
    }
    return toMap(json);
  }

  /**
   * Reads workspace text given by a person (the command line): exactly one JSON object, every value
   * of which {@code jsonb} can store.
   *
   * @param json the text
   * @return the object
   * @throws WorkspaceException saying what the text is instead
   */
  public static JsonNode parseGiven(String json) {
    JsonNode node = tree(json);
    String problem = WorkspaceLimits.problemWithValue(node);
    if (problem != null) {
      throw new WorkspaceException("workspace " + problem);
    }
    return node;
  }

  /** Exactly one JSON object, or a {@link WorkspaceException} saying what the text is instead. */
  private static JsonNode tree(String json) {
    if (json == null) {
      return MAPPER.createObjectNode();
    }
    if (json.isBlank()) {
      throw new WorkspaceException(
          "workspace is " + (json.isEmpty() ? "empty" : "blank") + ": give a JSON object, e.g. {}");
    }
    JsonNode node;
    try (JsonParser parser = MAPPER.createParser(json)) {
      node = ONE_TREE.readTree(parser);
      if (node != null && parser.nextToken() != null) {
        // jsonb would refuse this text; dbq once kept the first value and dropped the rest
        throw new WorkspaceException(
            "workspace has more after its JSON "
                + kind(node)
                + " ("
                + where(parser.currentTokenLocation())
                + "): give exactly one JSON object");
      }
    } catch (JsonProcessingException e) {
      throw new WorkspaceException(
          "workspace is not valid JSON: "
              + e.getOriginalMessage()
              + " ("
              + where(e.getLocation())
              + ")");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // a String source does no I/O
    }
    if (node == null || !node.isObject()) {
      throw new WorkspaceException("workspace must be a JSON object, was " + kind(node));
    }
    return node;
  }

  private static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "empty";
    }
    return switch (node.getNodeType()) {
      case OBJECT -> "object";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().toString().toLowerCase();
    };
  }

  private static String where(com.fasterxml.jackson.core.JsonLocation at) {
    return at == null
        ? "position unknown"
        : "line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
