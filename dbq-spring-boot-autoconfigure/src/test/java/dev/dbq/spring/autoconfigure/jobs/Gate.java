package dev.dbq.spring.autoconfigure.jobs;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A bean the slow job waits on, so that a test decides when its step may finish. */
public final class Gate {
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch open = new CountDownLatch(1);

  /** Lets the waiting step finish. */
  public void open() {
    open.countDown();
  }

  /**
   * @return whether a step is waiting at the gate, or was
   */
  public boolean entered() {
    return entered.getCount() == 0;
  }

  /**
   * Waits for {@link #open()}, for at most a minute.
   *
   * @throws InterruptedException when interrupted
   */
  public void pass() throws InterruptedException {
    entered.countDown();
    if (!open.await(1, TimeUnit.MINUTES)) {
      throw new IllegalStateException("the gate was never opened");
    }
  }
}
