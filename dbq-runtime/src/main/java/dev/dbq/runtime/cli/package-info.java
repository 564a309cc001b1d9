/**
 * The {@code dbq} commands ({@code migrate}, {@code create-job}, {@code queue-depth}, {@code
 * delete-old-jobs}) and their helpers: the environment and output streams ({@code CliContext}), the
 * one-line errors, the log format on stderr ({@code StderrLogProvider}, public because SLF4J loads
 * it by name), the version. Not API: public only for {@link dev.dbq.runtime.DbqCli}, which builds
 * the command line from them.
 *
 * <p>The commands are clients of the API ({@code Dbq}, {@code JobCatalog}) and of the shared rules
 * in {@code dev.dbq.runtime.internal}, never of the worker's engine or the store ({@code
 * LayeringTest} checks it), so the command line shows what an application can do. The one command
 * that drives the engine, {@code dbq worker}, is {@link dev.dbq.runtime.WorkerCommand} in the API
 * package, beside the {@code DbqWorker} hooks it needs.
 */
package dev.dbq.runtime.cli;
