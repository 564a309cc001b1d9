/**
 * The dashboard's machinery: routes, JSON views, the request guard and the bundled assets. Not an
 * API: only {@code dev.dbq.dashboard} is.
 */
package dev.dbq.dashboard.internal;
