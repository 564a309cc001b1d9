/**
 * The annotations that declare dbq jobs. See {@link dev.dbq.annotation.Job} to start.
 *
 * <p>This package depends on nothing; the annotation processor ({@code dbq-processor}) reads these
 * annotations at compile time and generates the {@code Jobs} builders and the job catalog.
 */
package dev.dbq.annotation;
