package dev.dbq.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stored trace context: written as one JSON object, read back as its string fields. */
class TraceContextJsonTest {
  @Test
  void fieldsRoundTripThroughTheirJsonObject() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    fields.put("tracestate", "congo=t61rcWkgMzE");

    String json = TraceContextJson.write(fields);

    assertEquals(
        "{\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\","
            + "\"tracestate\":\"congo=t61rcWkgMzE\"}",
        json);
    assertEquals(fields, TraceContextJson.read(json));
  }

  @Test
  void noFieldsIsNoJsonAndNoJsonIsNoFields() {
    assertNull(TraceContextJson.write(Map.of()));
    assertNull(TraceContextJson.write(null));
    assertSame(Map.of(), TraceContextJson.read(null), "nothing allocated for a NULL column");
  }

  @Test
  void aStoredValueThatIsNotAnObjectOfStringsReadsAsWhatStringsItHas() {
    assertEquals(Map.of(), TraceContextJson.read("\"just a string\""));
    assertEquals(Map.of(), TraceContextJson.read("not json"));
    assertEquals(
        Map.of("traceparent", "tp"), TraceContextJson.read("{\"traceparent\":\"tp\",\"n\":1}"));
  }

  @Test
  void whatPostgresqlGivesBackReadsAsJacksonReadsIt() throws Exception {
    for (String json :
        List.of(
            "{\"traceparent\": \"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"}",
            "{\"tracestate\": \"congo=t61rcWkgMzE\", \"traceparent\": \"00-ab-cd-01\"}",
            " { } ",
            "{\"a\": \"q\\\"uote \\\\ slash\\/ \\b\\f\\n\\r\\t \\u00e9\\u20AC\"}",
            "{\"a\": \"first\", \"a\": \"last\"}",
            "{\"a\": \"x\", \"n\": 1, \"o\": {\"b\": \"c\"}, \"l\": [\"d\"], \"z\": null}",
            "{\"a\": \"x\"} trailing",
            "{\"a\": \"unterminated}",
            "{\"a\": \"bad escape \\x\"}",
            "{\"a\" \"no colon\"}",
            "{\"a\": \"x\",}",
            "[\"an\", \"array\"]",
            "")) {
      assertEquals(viaJackson(json), TraceContextJson.read(json), json);
    }
  }

  /** The fields as Jackson's tree gives them: the reading before the flat one. */
  private static Map<String, String> viaJackson(String json) {
    Map<String, String> fields = new LinkedHashMap<>();
    try {
      JsonNode tree = WorkspaceCodec.mapper().readTree(json);
      if (tree != null && tree.isObject()) {
        tree.properties()
            .forEach(
                e -> {
                  if (e.getValue().isTextual()) {
                    fields.put(e.getKey(), e.getValue().textValue());
                  }
                });
      }
    } catch (JsonProcessingException e) {
      // no context
    }
    return fields;
  }
}
