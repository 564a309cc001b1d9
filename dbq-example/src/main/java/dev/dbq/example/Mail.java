package dev.dbq.example;

import dev.dbq.annotation.Job;
import dev.dbq.runtime.JobContext;

/** Single-method jobs: the method is the job's only step; the workspace is an untyped map. */
public final class Mail {
  private Mail() {}

  /** Sends a welcome mail to {@code workspace.email} (here: logs it). */
  @Job(name = "send_welcome_email", queue = "mail")
  static void sendWelcomeEmail(JobContext job) {
    DemoCounters.stepRan();
    job.workspace().put("sent", true);
    job.logger().info("welcome mail to {}", job.workspace().get("email"));
  }
}
