/**
 * The engine behind {@link dev.dbq.runtime.DbqWorker}: the claim loop ({@code ClaimLoop}), the step
 * runner and its hooks ({@code StepRunner}), completion batching ({@code CompletionBatcher}), lease
 * renewal ({@code LeaseKeeper}), the rate limit, prefetch, wake-ups on NOTIFY ({@code
 * WakeUpListener}), the table vacuum, the warm-up, the heap guard, progress and events, retry
 * backoff, the worker's validated settings ({@code WorkerConfig}), and {@code DbqWorker}'s hooks
 * for the {@code dbq worker} command ({@code WorkerAccess}).
 *
 * <p>It reaches the database only through {@code dev.dbq.runtime.internal.store}, which does not
 * know it ({@code LayeringTest}). Not API: public only for {@code DbqWorker} and the {@code dbq
 * worker} command, left out of the javadoc; {@code DbqWorker}'s public signatures show none of its
 * types ({@code ApiSignaturesTest}).
 */
package dev.dbq.runtime.internal.worker;
