package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbq.runtime.internal.ErrorBackoff;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorBackoffTest {
  @Test
  void waitsDoubleFrom100MillisTo30SecondsAndASuccessStartsAgain() {
    ErrorBackoff backoff = new ErrorBackoff();
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      waits.add(backoff.millis());
      backoff.failedAgain();
    }
    assertEquals(
        List.of(100L, 200L, 400L, 800L, 1600L, 3200L, 6400L, 12800L, 25600L, 30000L, 30000L),
        waits);
    backoff.reset();
    assertEquals(100L, backoff.millis());
  }
}
