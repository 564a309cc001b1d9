package dev.dbq.processor.model;

/**
 * One step of a job.
 *
 * @param order its {@code @Step(order)}; a method job's only step has order 0
 * @param method the call
 */
public record StepModel(int order, MethodModel method) {}
