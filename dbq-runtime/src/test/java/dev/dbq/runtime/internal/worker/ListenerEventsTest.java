package dev.dbq.runtime.internal.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbq.runtime.DbqEvent;
import dev.dbq.runtime.DbqListener;
import dev.dbq.runtime.JobCatalog;
import dev.dbq.runtime.JobDefinition;
import dev.dbq.runtime.JobState;
import dev.dbq.runtime.internal.Listeners;
import dev.dbq.runtime.internal.store.Claim;
import dev.dbq.runtime.internal.store.StepOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The engine's events as listeners hear them when each listener overrides only some kinds: an event
 * no listener hears is skipped, and one that is heard still comes, also when the event told beside
 * it in the same save is skipped.
 */
class ListenerEventsTest {
  private static final JobCatalog CATALOG =
      JobCatalog.of(List.of(JobDefinition.builder("job").step("only", invocation -> null).build()));

  private static final Claim CLAIM =
      new Claim(UUID.randomUUID(), "job", "q", 0, 1, 0, "{}", 1, UUID.randomUUID());

  @Test
  void aCancellationIsToldToItsListenerWhenNoListenerHearsJobEnds() {
    List<String> heard = new ArrayList<>();
    DbqListener cancels =
        new DbqListener() {
          @Override
          public void onCancelled(DbqEvent.Cancelled event) {
            heard.add("cancelled " + event.job().name() + " at step " + event.stepIndex());
          }
        };
    ListenerEvents events = new ListenerEvents(new Listeners(List.of(cancels)), CATALOG, "w");

    events.stepSaved(CLAIM, new StepOutcome.Cancelled("{}", 0, "cancelled by an operator"));

    assertEquals(List.of("cancelled job at step 0"), heard);
  }

  @Test
  void aListenerOfStepsOnlyHearsTheStepsAndNothingElseIsBuiltForIt() {
    List<String> heard = new ArrayList<>();
    DbqListener steps =
        new DbqListener() {
          @Override
          public void onStepStarted(DbqEvent.StepStarted event) {
            heard.add("started " + event.run().stepName());
          }

          @Override
          public void onStepEnded(DbqEvent.StepEnded event) {
            heard.add("ended " + event.result());
          }
        };
    ListenerEvents events = new ListenerEvents(new Listeners(List.of(steps)), CATALOG, "w");
    StepOutcome done = new StepOutcome.Succeeded("{}", 1, JobState.COMPLETE);

    events.claimed(8, 1, 1_000);
    events.stepStarted(CLAIM);
    events.stepEnded(CLAIM, done, 1_000);
    events.stepSaved(CLAIM, done);

    assertEquals(List.of("started only", "ended SUCCEEDED"), heard);
  }

  @Test
  void jobEndsAndCancellationsAreBothToldWhenBothAreHeard() {
    List<String> heard = new ArrayList<>();
    DbqListener both =
        new DbqListener() {
          @Override
          public void onJobEnded(DbqEvent.JobEnded event) {
            heard.add("ended " + event.state());
          }

          @Override
          public void onCancelled(DbqEvent.Cancelled event) {
            heard.add("cancelled");
          }
        };
    ListenerEvents events = new ListenerEvents(new Listeners(List.of(both)), CATALOG, "w");

    events.stepSaved(CLAIM, new StepOutcome.Cancelled("{}", 0, "cancelled"));

    assertEquals(List.of("ended CANCELLED", "cancelled"), heard);
  }
}
