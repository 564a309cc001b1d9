package dev.dbq.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.DbqEvent;
import dev.dbq.runtime.DbqListener;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which kinds of event some listener hears: the methods its class overrides. */
class ListenersTest {
  /** Hears step starts only. */
  static class StepStarts implements DbqListener {
    @Override
    public void onStepStarted(DbqEvent.StepStarted event) {}
  }

  /** Overrides nothing itself: hears what its superclass hears. */
  static final class MoreStepStarts extends StepStarts {}

  /** An interface between the listener and DbqListener that overrides a method. */
  interface JobEnds extends DbqListener {
    @Override
    default void onJobEnded(DbqEvent.JobEnded event) {}
  }

  @Test
  void aListenerHearsTheKindsItsClassOverridesAndNoOthers() {
    Listeners listeners = new Listeners(List.of(new StepStarts()));

    assertTrue(listeners.hears("onStepStarted"));
    assertFalse(listeners.hears("onStepEnded"));
    assertFalse(listeners.hears("onJobEnded"));
    assertFalse(listeners.hears("onEnqueued"));
  }

  @Test
  void anOverrideInASuperclassOrASubInterfaceCounts() {
    Listeners listeners = new Listeners(List.of(new MoreStepStarts(), new JobEnds() {}));

    assertTrue(listeners.hears("onStepStarted"));
    assertTrue(listeners.hears("onJobEnded"));
    assertFalse(listeners.hears("onClaimed"));
  }

  @Test
  void addingAndRemovingAListenerChangesWhatIsHeard() {
    Listeners listeners = new Listeners(List.of());
    DbqListener enqueues =
        new DbqListener() {
          @Override
          public void onEnqueued(DbqEvent.Enqueued event) {}
        };
    assertFalse(listeners.hears("onEnqueued"));

    listeners.add(enqueues);
    assertTrue(listeners.hears("onEnqueued"));

    listeners.remove(enqueues);
    assertFalse(listeners.hears("onEnqueued"));
  }
}
