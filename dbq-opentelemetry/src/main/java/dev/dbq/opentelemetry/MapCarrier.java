package dev.dbq.opentelemetry;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Map;

/** A propagator's carrier as dbq stores it: a map of string fields. */
enum MapCarrier implements TextMapGetter<Map<String, String>>, TextMapSetter<Map<String, String>> {
  INSTANCE;

  @Override
  public String get(Map<String, String> carrier, String key) {
    return carrier == null ? null : carrier.get(key);
  }

  @Override
  public void set(Map<String, String> carrier, String key, String value) {
    if (carrier != null && key != null && value != null) {
      carrier.put(key, value);
    }
  }
}
