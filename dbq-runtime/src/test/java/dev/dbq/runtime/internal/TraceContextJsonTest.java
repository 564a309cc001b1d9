package dev.dbq.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.LinkedHashMap;
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
}
