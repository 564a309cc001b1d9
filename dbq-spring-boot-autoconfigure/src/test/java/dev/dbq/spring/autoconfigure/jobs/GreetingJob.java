package dev.dbq.spring.autoconfigure.jobs;

import dev.dbq.annotation.CreationHook;
import dev.dbq.annotation.Job;
import dev.dbq.annotation.Step;
import dev.dbq.runtime.JobContext;
import org.springframework.stereotype.Component;

/**
 * A two-step job that is a Spring bean with a constructor-injected dependency and no no-arg
 * constructor: its creation hook (at enqueue) and its steps (in the worker) run on the bean.
 */
@Component
@Job(name = "greet", queue = "greetings")
public class GreetingJob {
  private final Greetings greetings;

  /**
   * @param greetings injected by Spring
   */
  public GreetingJob(Greetings greetings) {
    this.greetings = greetings;
  }

  /**
   * Stamps the greeting into the workspace.
   *
   * @param job the job
   */
  @CreationHook
  public void stamp(JobContext job) {
    job.workspace().put("greeting", greetings.greeting());
    greetings.record("created " + job.id());
  }

  /**
   * @param job the job
   */
  @Step(order = 1)
  public void compose(JobContext job) {
    greetings.record("compose " + job.workspace().get("greeting"));
  }

  /**
   * @param job the job
   */
  @Step(order = 2)
  public void send(JobContext job) {
    greetings.record("send " + job.id());
  }
}
