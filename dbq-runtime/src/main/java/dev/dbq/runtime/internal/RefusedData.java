package dev.dbq.runtime.internal;

import java.sql.SQLException;

/**
 * The one rule for "the database refused these values": SQLSTATE class 22 (data exception, e.g. a
 * {@code \u0000} in {@code jsonb}), 23 (integrity constraint) or 54 (program limit, e.g. an
 * oversized index entry). Sending the same values again fails the same way, unlike a lost
 * connection, so an enqueue refuses its caller and a save fails its job instead of retrying.
 */
public final class RefusedData {
  private RefusedData() {}

  public static boolean is(SQLException e) {
    String state = e.getSQLState();
    return state != null
        && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
  }
}
