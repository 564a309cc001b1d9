/**
 * Writes the generated code from valid {@link dev.dbq.processor.model.JobModel}s: per-job
 * definition classes, {@code Jobs}, the catalog and its service file. Generators never report
 * errors; {@link dev.dbq.processor.generator.GeneratedFiles} decorates and writes every file.
 */
package dev.dbq.processor.generator;
