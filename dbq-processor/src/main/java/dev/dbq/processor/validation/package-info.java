/**
 * Every compile-time rule of dbq, reported through a {@link
 * dev.dbq.processor.validation.ValidationReport} pinned to elements; the texts are the constants of
 * {@link dev.dbq.processor.validation.Message}. Validators never touch the {@code Filer}.
 */
package dev.dbq.processor.validation;
