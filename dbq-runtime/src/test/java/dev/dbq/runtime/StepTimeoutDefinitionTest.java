package dev.dbq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A step's own timeout as {@link StepDefinition} and {@link JobDefinition.Builder} take it. */
class StepTimeoutDefinitionTest {
  private static final JobMethod NOTHING = Invocation::workspace;

  @Test
  void aStepDeclaredWithoutTimeoutHasNone() {
    assertEquals(Optional.empty(), new StepDefinition("fetch", NOTHING).timeout());
    JobDefinition job = JobDefinition.builder("import_cats").step("fetch", NOTHING).build();
    assertEquals(Optional.empty(), job.steps().get(0).timeout());
  }

  @Test
  void theBuilderKeepsEachStepsOwnTimeout() {
    JobDefinition job =
        JobDefinition.builder("import_cats")
            .step("fetch", NOTHING, Duration.ofSeconds(30))
            .step("store", NOTHING)
            .build();
    assertEquals(Optional.of(Duration.ofSeconds(30)), job.steps().get(0).timeout());
    assertEquals(Optional.empty(), job.steps().get(1).timeout());
  }

  @Test
  void aZeroOrNegativeTimeoutIsRefusedNamingTheStepAndTheValue() {
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class,
            () -> new StepDefinition("fetch", NOTHING, Duration.ZERO));
    assertEquals("timeout of step 'fetch' must be positive, was PT0S", zero.getMessage());
    IllegalArgumentException negative =
        assertThrows(
            IllegalArgumentException.class,
            () -> new StepDefinition("fetch", NOTHING, Duration.ofSeconds(-1)));
    assertEquals("timeout of step 'fetch' must be positive, was PT-1S", negative.getMessage());
  }

  @Test
  void aTimeoutUpTo1000YearsIsTakenAndALongerOneIsRefused() {
    // 365242 days is also the processor's bound (DurationText.MAX in dbq-processor)
    Duration longest = Duration.ofDays(365_242);
    assertEquals(Optional.of(longest), new StepDefinition("fetch", NOTHING, longest).timeout());
    IllegalArgumentException tooLong =
        assertThrows(
            IllegalArgumentException.class,
            () -> new StepDefinition("fetch", NOTHING, longest.plusMillis(1)));
    assertEquals(
        "timeout of step 'fetch' must be at most 1,000 years (PT8765808H), was PT8765808H0.001S",
        tooLong.getMessage());
  }
}
