package dev.dbq.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link Job @Job} class as the job's creation hook, declared at most once per
 * job.
 *
 * <p>Runs in the enqueuing process, just before the job row is inserted. It may edit the workspace
 * (mutate it, or return a new one); if it throws, nothing is inserted and the exception reaches the
 * caller of {@code enqueue}.
 *
 * <p>The same rules as for a {@link Step} apply: static, or an instance method of a class with an
 * accessible no-arg constructor; not private or abstract; parameters {@code
 * dev.dbq.runtime.JobContext} and/or the job's workspace type; returns {@code void} or the
 * workspace type.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface CreationHook {}
