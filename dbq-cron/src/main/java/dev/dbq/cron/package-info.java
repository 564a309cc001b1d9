/**
 * Cron expressions and their next fire time, shared by dbq's annotation processor (which checks a
 * {@code @Recurring} expression at compile time) and its runtime (which fires schedules).
 *
 * <p>Why a module of its own rather than a library such as cron-utils: the processor must not load
 * runtime classes, so the parser has to live apart from the runtime; cron-utils would add a
 * dependency (and its own transitive ones) to the processor path and to every application, and its
 * errors do not follow dbq's rule of one line naming the field, the value and the allowed range.
 * What dbq needs is small (five fields, an optional leading seconds field, nicknames, lists,
 * ranges, steps, names), so this module is a few hundred lines with no dependency at all.
 *
 * <p>Time zones: {@link dev.dbq.cron.CronExpression#nextAfter(java.time.Instant, java.time.ZoneId)}
 * matches local wall-clock time; a local time skipped by a spring-forward transition fires once, at
 * the transition's instant (the first valid instant after it); a local time repeated by a fall-back
 * transition fires once, at its first occurrence.
 */
package dev.dbq.cron;
