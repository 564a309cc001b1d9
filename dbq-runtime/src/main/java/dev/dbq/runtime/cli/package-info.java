/**
 * The {@code dbq} commands ({@code migrate}, {@code create-job}, {@code queue-depth}, {@code
 * delete-old-jobs}, {@code worker}) and their helpers: the environment and output streams ({@code
 * CliContext}), the one-line errors, the log format on stderr ({@code StderrLogProvider}, public
 * because SLF4J loads it by name), the version. Not API: public only for {@link
 * dev.dbq.runtime.DbqCli} and {@link dev.dbq.runtime.DbqWorker#main}, which run them (and for the
 * benchmark, which runs {@code WorkerCommand} in its own process); left out of the javadoc.
 *
 * <p>The commands are clients of the API ({@code Dbq}, {@code DbqWorker}, {@code JobCatalog}) and
 * of the shared rules in {@code dev.dbq.runtime.internal}, never of the store, so the command line
 * shows what an application can do ({@code LayeringTest}). One written-down exception: {@code
 * WorkerCommand} ({@code dbq worker}) is the engine's own command line, so it uses the worker's
 * progress report, heap guard, failed-step text and default constants from {@code
 * dev.dbq.runtime.internal.worker}, and reaches {@code DbqWorker}'s non-API hooks through {@code
 * WorkerAccess}.
 */
package dev.dbq.runtime.cli;
