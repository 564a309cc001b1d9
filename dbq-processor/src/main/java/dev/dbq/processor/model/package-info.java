/**
 * Jobs as written ({@link dev.dbq.processor.model.JobDeclaration}) and, once valid, as generated
 * ({@link dev.dbq.processor.model.JobModel}), with the type questions both ask.
 */
package dev.dbq.processor.model;
