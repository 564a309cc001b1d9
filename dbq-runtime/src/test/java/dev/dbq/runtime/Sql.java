package dev.dbq.runtime;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain SQL against a test database, for assertions and for setting up rows. */
public final class Sql {
  private final TestDatabase database;

  public Sql(TestDatabase database) {
    this.database = database;
  }

  public void execute(String sql) {
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The first column of every row, as text. */
  public List<String> column(String query) {
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(query, e);
    }
  }

  String value(String query) {
    List<String> values = column(query);
    if (values.size() != 1) {
      throw new IllegalStateException(query + " returned " + values.size() + " rows");
    }
    return values.get(0);
  }

  public long count(String query) {
    return Long.parseLong(value(query));
  }
}
