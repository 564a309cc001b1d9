package dev.dbq.runtime.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Another client that takes every connection the server will give ({@code max_connections}) and
 * holds them, so that nobody else can connect until it lets go.
 */
final class ConnectionHog implements AutoCloseable {
  static final String APPLICATION_NAME = "chaos-hog";
  private static final String TOO_MANY_CONNECTIONS = "53300";

  private final String url;
  private final List<Connection> held = new ArrayList<>();

  ConnectionHog(String url) {
    this.url = url + "&ApplicationName=" + APPLICATION_NAME;
  }

  /** Opens connections until the server refuses one for lack of slots. */
  void takeAllFree() throws SQLException {
    while (true) {
      try {
        held.add(DriverManager.getConnection(url));
      } catch (SQLException e) {
        if (TOO_MANY_CONNECTIONS.equals(e.getSQLState())) {
          return;
        }
        throw e;
      }
    }
  }

  int held() {
    return held.size();
  }

  /** Lets every connection go. */
  @Override
  public void close() {
    for (Connection c : held) {
      try {
        c.close();
      } catch (SQLException e) {
        // closing a connection the server already dropped: nothing to do
      }
    }
    held.clear();
  }
}
