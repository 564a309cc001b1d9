package dev.dbq.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a {@link Job} unique: while a job of this name with the same values of the chosen workspace
 * {@link #fields()} (and, with a {@link #period()}, in the same period) is in one of the refusing
 * {@link #states()}, enqueueing another one inserts nothing and returns the existing job's id,
 * flagged as a duplicate. A partial unique index enforces it, so it holds for any number of threads
 * and processes enqueueing at once.
 *
 * <pre>{@code
 * record Invoice(long customerId, String month) {}
 *
 * @Job(name = "send_invoice")
 * @Unique(fields = {"customerId", "month"})
 * class SendInvoice { @Step(order = 1) void send(Invoice invoice) { ... } }
 *
 * @Job(name = "refresh_feed")
 * @Unique(fields = "feedId", period = "1h")   // at most one refresh per feed per hour
 * static void refreshFeed(Feed feed) { ... }
 * }</pre>
 *
 * <p>The compiler checks it: a field that the job's workspace type does not have (with a "did you
 * mean"), fields on a job without a typed workspace, a malformed period, and a state set that
 * leaves out a waiting or running state are compile errors on the annotation value; so is
 * {@code @Unique} on anything that is not a {@code @Job}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Unique {

  /**
   * The workspace properties whose values make a job unique: record components, or the public
   * fields and getter properties Jackson writes, by their property names. Their values as stored
   * (JSON; a missing or null one counts as {@code null}) are compared, in any order of the names.
   * Empty, the default, makes the job unique by its name alone (one waiting or running job of this
   * name at a time).
   *
   * @return the property names; none unless set
   */
  String[] fields() default {};

  /**
   * Unique per period: a job enqueued in another period is no duplicate of this one. The period is
   * the one its run time falls in (its {@code runAfter}, or the enqueuing moment when it has none),
   * periods counted from the epoch in UTC ({@code 1h} periods start on the hour, {@code 1d} at
   * midnight UTC). Written as {@link Step#timeout()} is ({@code 30m}, {@code 1h}, {@code 1d},
   * ISO-8601 {@code PT1H}). Empty, the default, means no period: unique for as long as a job is in
   * a refusing state.
   *
   * @return the period; none unless set
   */
  String period() default "";

  /**
   * The states in which an existing job refuses a duplicate. Always all four waiting and running
   * states ({@code NEW}, {@code READY}, {@code PROCESSING}, {@code STOPPING}): a job moves between
   * them on its own, so a duplicate let in while one of them was left out would collide when the
   * job moves on. Add {@code COMPLETE}, {@code FAILED} or {@code CANCELLED} to refuse duplicates of
   * ended jobs too (until they are deleted, or their period is over).
   *
   * @return the refusing states; the waiting and running ones unless set
   */
  State[] states() default {State.NEW, State.READY, State.PROCESSING, State.STOPPING};

  /**
   * A job state, as the runtime's {@code JobState} names them (the annotations depend on nothing,
   * so they name the states themselves).
   */
  enum State {
    /** Created, waiting for its first step. */
    NEW,
    /** Waiting for its next step (or a retry). */
    READY,
    /** A worker runs a step. */
    PROCESSING,
    /** A worker that holds it is shutting down. */
    STOPPING,
    /** Every step ran. */
    COMPLETE,
    /** A step failed on its last attempt. */
    FAILED,
    /** An operator cancelled it. */
    CANCELLED
  }
}
