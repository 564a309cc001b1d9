/**
 * dbq's API: what applications and the code the annotation processor generates compile against.
 *
 * <ul>
 *   <li>Enqueueing and reading jobs: {@link dev.dbq.runtime.Dbq}, the generated builders
 *       (subclasses of {@link dev.dbq.runtime.JobBuilder} and {@link
 *       dev.dbq.runtime.JobBuilderWithoutWorkspace}), {@link dev.dbq.runtime.JobInfo}, {@link
 *       dev.dbq.runtime.JobState}.
 *   <li>Running jobs: {@link dev.dbq.runtime.DbqWorker}, and inside a step or hook {@link
 *       dev.dbq.runtime.JobContext}.
 *   <li>The command line: {@link dev.dbq.runtime.DbqCli} ({@code dbq migrate}, {@code create-job},
 *       {@code queue-depth}, {@code delete-old-jobs}, {@code worker}).
 *   <li>The SPI the generated code implements and the worker calls: {@link
 *       dev.dbq.runtime.JobCatalog}, {@link dev.dbq.runtime.JobDefinition}, {@link
 *       dev.dbq.runtime.StepDefinition}, {@link dev.dbq.runtime.JobMethod}, {@link
 *       dev.dbq.runtime.Invocation}, and {@link dev.dbq.runtime.InstanceFactory} for a DI
 *       container.
 *   <li>Failures: {@link dev.dbq.runtime.DbqException}, {@link
 *       dev.dbq.runtime.CreationHookException}, {@link dev.dbq.runtime.WorkspaceException}.
 * </ul>
 *
 * <h2>The runtime's other packages are not API</h2>
 *
 * <p>Their classes are public only so that this package can use them (as in Dagger's {@code
 * dagger.internal}); they may change in any release, are left out of the javadoc, and no public
 * signature here shows one of their types (an ArchUnit test, {@code ApiSignaturesTest}, holds the
 * line):
 *
 * <ul>
 *   <li>{@code dev.dbq.runtime.cli}: the {@code dbq} commands and their helpers; clients of this
 *       package like any application.
 *   <li>{@code dev.dbq.runtime.internal.worker}: the engine behind {@link
 *       dev.dbq.runtime.DbqWorker}.
 *   <li>{@code dev.dbq.runtime.internal.store}: every SQL statement and its execution.
 *   <li>{@code dev.dbq.runtime.internal}: rules and texts shared by all of them.
 * </ul>
 *
 * <p>Two classes that are not API stay here because they need package-private state of API classes:
 * {@code JobPreparation} (package-private; turns a builder into the row the store inserts, running
 * the creation hook) and {@link dev.dbq.runtime.WorkerCommand} ({@code dbq worker}, public as
 * before because {@link dev.dbq.runtime.DbqWorker#main} and the benchmark run it; it drives {@link
 * dev.dbq.runtime.DbqWorker} through that class's package-private hooks, which moving it to {@code
 * cli} would make public). Where an internal package must act on an API object (the worker moving a
 * {@link dev.dbq.runtime.JobContext} to its outcome's state), the API class installs a hook in
 * {@code dev.dbq.runtime.internal.ApiAccess} instead of growing a public method.
 */
package dev.dbq.runtime;
