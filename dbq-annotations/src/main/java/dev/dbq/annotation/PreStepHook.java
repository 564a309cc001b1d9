package dev.dbq.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link Job @Job} class as the job's pre-step hook, declared at most once per
 * job.
 *
 * <p>Runs in the worker before every step of the job. If it throws, the step does not run and the
 * job fails as if the step had thrown.
 *
 * <p>The same rules as for a {@link Step} apply: static, or an instance method of a class with an
 * accessible no-arg constructor; not private or abstract; parameters {@code
 * dev.dbq.runtime.JobContext} and/or the job's workspace type; returns {@code void} or the
 * workspace type.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface PreStepHook {}
