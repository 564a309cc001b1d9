/**
 * dbq's API: what applications and the code the annotation processor generates compile against.
 *
 * <ul>
 *   <li>Enqueueing and reading jobs: {@link dev.dbq.runtime.Dbq}, the generated builders
 *       (subclasses of {@link dev.dbq.runtime.JobBuilder} and {@link
 *       dev.dbq.runtime.JobBuilderWithoutWorkspace}), {@link dev.dbq.runtime.JobInfo}, {@link
 *       dev.dbq.runtime.JobState}.
 *   <li>Looking at jobs: {@link dev.dbq.runtime.JobQuery} (from {@code Dbq.jobs()}), {@link
 *       dev.dbq.runtime.JobPage}, {@link dev.dbq.runtime.JobCounts}, and each job's history, {@link
 *       dev.dbq.runtime.StepRun} and {@link dev.dbq.runtime.StepHistory}.
 *   <li>Running jobs: {@link dev.dbq.runtime.DbqWorker}, and inside a step or hook {@link
 *       dev.dbq.runtime.JobContext}.
 *   <li>The command line: {@link dev.dbq.runtime.DbqCli} ({@code dbq migrate}, {@code create-job},
 *       {@code queue-depth}, {@code delete-old-jobs}, {@code worker}, {@code list}, {@code show}).
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
 * <p>One class that is not API stays here, package-private: {@code JobPreparation}, which turns a
 * builder into the row the store inserts (running the creation hook) and reads {@link
 * dev.dbq.runtime.JobBuilder}'s package-private values to do so. Where another package must act on
 * an API object in a way applications may not (the worker moving a {@link
 * dev.dbq.runtime.JobContext} to its outcome's state, {@code dbq worker} reading a {@link
 * dev.dbq.runtime.DbqWorker}'s jobs in flight), the API class installs a hook when it is
 * initialised ({@code internal.ApiAccess}, {@code internal.worker.WorkerAccess}) instead of growing
 * a public method.
 */
package dev.dbq.runtime;
