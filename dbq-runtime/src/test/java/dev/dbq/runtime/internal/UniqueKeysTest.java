package dev.dbq.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The key of a unique job: what it is made of, and what leaves it unchanged. */
class UniqueKeysTest {
  private static final Instant T = Instant.parse("2030-01-01T10:15:00Z");

  private static String key(String json, Optional<Duration> period, Instant at) {
    return UniqueKeys.of("job", List.of("a", "b"), period, json, at);
  }

  @Test
  void onlyTheChosenFieldsCountAndTheirOrderInTheJsonDoesNot() {
    assertEquals(
        key("{\"a\": 1, \"b\": {\"x\": 1, \"y\": [1, 2]}, \"c\": 1}", Optional.empty(), T),
        key("{\"c\": 2, \"b\": {\"y\": [1, 2], \"x\": 1}, \"a\": 1}", Optional.empty(), T));
  }

  @Test
  void anotherValueAnotherJobNameOrAMissingFieldIsAnotherKey() {
    String base = key("{\"a\": 1, \"b\": 2}", Optional.empty(), T);
    assertNotEquals(base, key("{\"a\": 1, \"b\": 3}", Optional.empty(), T));
    assertNotEquals(base, key("{\"a\": 1, \"b\": \"2\"}", Optional.empty(), T));
    assertNotEquals(base, key("{\"a\": 1}", Optional.empty(), T));
    assertEquals(
        key("{\"a\": 1}", Optional.empty(), T),
        key("{\"a\": 1, \"b\": null}", Optional.empty(), T));
    assertNotEquals(
        base,
        UniqueKeys.of("other", List.of("a", "b"), Optional.empty(), "{\"a\": 1, \"b\": 2}", T));
  }

  @Test
  void withoutAPeriodTheTimeDoesNotCountWithOneOnlyItsPeriodDoes() {
    String json = "{\"a\": 1, \"b\": 2}";
    assertEquals(
        key(json, Optional.empty(), T), key(json, Optional.empty(), T.plusSeconds(86_400)));
    Optional<Duration> hour = Optional.of(Duration.ofHours(1));
    assertEquals(
        key(json, hour, Instant.parse("2030-01-01T10:00:00Z")),
        key(json, hour, Instant.parse("2030-01-01T10:59:59.999Z")));
    assertNotEquals(
        key(json, hour, Instant.parse("2030-01-01T10:59:59.999Z")),
        key(json, hour, Instant.parse("2030-01-01T11:00:00Z")));
    assertNotEquals(
        key(json, hour, T),
        key(json, Optional.of(Duration.ofHours(2)), T),
        "the period's length is part of the key");
    assertNotEquals(key(json, hour, T), key(json, Optional.empty(), T));
  }

  @Test
  void theKeyIsSixtyFourHexDigits() {
    assertEquals(64, key("{}", Optional.empty(), T).length());
  }
}
