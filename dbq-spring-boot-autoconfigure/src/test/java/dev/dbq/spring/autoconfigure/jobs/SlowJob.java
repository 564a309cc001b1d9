package dev.dbq.spring.autoconfigure.jobs;

import dev.dbq.annotation.Job;
import dev.dbq.annotation.Step;
import dev.dbq.runtime.JobContext;
import org.springframework.stereotype.Component;

/** A one-step job, a bean, whose step waits at the {@link Gate} until a test opens it. */
@Component
@Job(name = "slow", queue = "slow")
public class SlowJob {
  private final Gate gate;

  /**
   * @param gate injected by Spring
   */
  public SlowJob(Gate gate) {
    this.gate = gate;
  }

  /**
   * @param job the job
   * @throws InterruptedException when the worker interrupts the step
   */
  @Step(order = 1)
  public void waitAtTheGate(JobContext job) throws InterruptedException {
    gate.pass();
  }
}
