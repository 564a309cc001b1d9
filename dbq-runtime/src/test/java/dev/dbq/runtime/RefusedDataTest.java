package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.internal.RefusedData;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Enqueue and save share one rule for values the database refuses. */
class RefusedDataTest {
  private static SQLException withState(String state) {
    return new SQLException("refused", state);
  }

  @Test
  void dataExceptionsIntegrityViolationsAndProgramLimitsAreRefusedData() {
    assertTrue(RefusedData.is(withState("22P05"))); // untranslatable character (\u0000 in jsonb)
    assertTrue(RefusedData.is(withState("23505"))); // unique violation
    assertTrue(RefusedData.is(withState("54000"))); // program limit exceeded (index row too big)
  }

  @Test
  void connectionFailuresAndOtherErrorsAreNot() {
    assertFalse(RefusedData.is(withState("08006"))); // connection failure: retrying can help
    assertFalse(RefusedData.is(withState("57P01"))); // admin shutdown
    assertFalse(RefusedData.is(withState("40001"))); // serialization failure
    assertFalse(RefusedData.is(new SQLException("no state")));
  }
}
