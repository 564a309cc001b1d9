/**
 * The engine behind {@link dev.dbq.runtime.DbqWorker}, which only holds the API: the worker's
 * checked settings ({@code WorkerSettings}, with the database in {@code WorkerConfig}) and its life
 * ({@code WorkerLifecycle}); the claim loop ({@code ClaimLoop}), the claims it holds and where each
 * is ({@code ClaimsHeld}), its slots ({@code SlotPool}) and shutdown ({@code ShutdownSequence},
 * {@code HandBack}); the step runner and its hooks ({@code StepRunner}), completion batching
 * ({@code CompletionBatcher}), lease renewal ({@code LeaseKeeper}), the rate limit ({@code
 * RateLimiter}: {@code NONE} or a {@code MinimumGap}), prefetch, wake-ups on NOTIFY ({@code
 * WakeUpListener}), the table vacuum, the warm-up, the heap guard, progress and events, retry
 * backoff; and {@code DbqWorker}'s hooks for the {@code dbq worker} command ({@code WorkerAccess}).
 *
 * <p>It reaches the database only through {@code dev.dbq.runtime.internal.store}, which does not
 * know it ({@code LayeringTest}). Not API: public only for {@code DbqWorker} and the {@code dbq
 * worker} command, left out of the javadoc; {@code DbqWorker}'s public signatures show none of its
 * types ({@code ApiSignaturesTest}).
 */
package dev.dbq.runtime.internal.worker;
