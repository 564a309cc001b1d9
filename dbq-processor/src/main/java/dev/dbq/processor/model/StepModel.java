package dev.dbq.processor.model;

import java.time.Duration;
import java.util.Optional;

/**
 * One step of a job.
 *
 * @param order its {@code @Step(order)}; a method job's only step has order 0
 * @param method the call
 * @param timeout its {@code @Step(timeout)}, or empty when it declares none
 */
public record StepModel(int order, MethodModel method, Optional<Duration> timeout) {}
