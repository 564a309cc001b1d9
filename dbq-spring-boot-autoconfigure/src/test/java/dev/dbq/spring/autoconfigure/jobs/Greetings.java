package dev.dbq.spring.autoconfigure.jobs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A bean the greeting job has injected: it records what the job's hooks and steps did. */
public final class Greetings {
  private final String greeting;
  private final List<String> said = new CopyOnWriteArrayList<>();

  /**
   * @param greeting what the job says
   */
  public Greetings(String greeting) {
    this.greeting = greeting;
  }

  /**
   * @return what the job says
   */
  public String greeting() {
    return greeting;
  }

  /**
   * @param what a record of one call
   */
  public void record(String what) {
    said.add(what);
  }

  /**
   * @return the calls recorded, in order
   */
  public List<String> said() {
    return said;
  }
}
