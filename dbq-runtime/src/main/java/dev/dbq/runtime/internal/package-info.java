/**
 * What the API, the command line, the worker and the store share: the workspace codec and its size
 * limits, the naming rules, time limits, the error texts and URL redaction, which SQLSTATEs mean
 * "the database refused this data" and which faults are permanent, the error backoff, dbq's own
 * connection pool and the settings it connects with ({@code ConnectionSettings}), the unknown-job
 * and missing-workspace messages, the logger names and MDC keys.
 *
 * <p>Not API. Like Dagger's {@code dagger.internal}, these classes are public only so that the
 * runtime's other packages can use them; they may change in any release and are left out of the
 * javadoc. The API reaches into itself through {@code ApiAccess}: an API class that must let the
 * engine do what applications may not (the worker moving a {@code JobContext} to its outcome's
 * state) installs a hook there when it is initialised, so the API grows no public method for it and
 * no public signature of {@code dev.dbq.runtime} shows an internal type ({@code
 * ApiSignaturesTest}).
 *
 * <p>Loggers are named {@code dev.dbq.runtime.<Class>} whatever package a class lives in ({@code
 * RuntimeLoggers}): the names are output that users configure.
 */
package dev.dbq.runtime.internal;
