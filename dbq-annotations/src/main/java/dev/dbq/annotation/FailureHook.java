package dev.dbq.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link Job @Job} class as the job's failure hook, declared at most once per
 * job.
 *
 * <p>Runs in the worker when a step or the pre-step hook throws and no attempt remains, so that the
 * job fails for good. Besides {@code JobContext} and the workspace it may take one parameter of
 * type {@link Throwable} (or {@link Exception}) to receive the failure. If it throws, that is
 * logged and the job stays {@code FAILED}.
 *
 * <p>The same rules as for a {@link Step} apply: static, or an instance method of a class with an
 * accessible no-arg constructor; not private or abstract; parameters {@code
 * dev.dbq.runtime.JobContext} and/or the job's workspace type; returns {@code void} or the
 * workspace type.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface FailureHook {}
