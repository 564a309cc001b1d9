package dev.dbq.runtime.internal.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGStatement;

/**
 * One {@link SqlStatement} prepared on a connection, its parameters set by name: a value set for a
 * name goes to every {@code ?} the name became. Closing it frees the arrays it made and closes the
 * statement; the connection is the caller's.
 */
public final class NamedStatement implements AutoCloseable {
  /** Sets one parameter at a JDBC index. */
  @FunctionalInterface
  private interface Setter {
    void set(int index) throws SQLException;
  }

  private final SqlStatement statement;
  private final Connection connection;
  private final PreparedStatement prepared;
  private final List<Array> arrays = new ArrayList<>();

  private NamedStatement(SqlStatement statement, Connection connection) throws SQLException {
    this.statement = statement;
    this.connection = connection;
    this.prepared = connection.prepareStatement(statement.sql());
  }

  static NamedStatement prepare(Connection c, SqlStatement statement) throws SQLException {
    return new NamedStatement(statement, c);
  }

  /**
   * Never a server-side prepared statement: an unnamed statement is planned with the actual
   * arguments every time, so PostgreSQL cannot switch to a generic plan after five executions.
   */
  NamedStatement unprepared() throws SQLException {
    if (prepared.isWrapperFor(PGStatement.class)) {
      prepared.unwrap(PGStatement.class).setPrepareThreshold(0);
    }
    return this;
  }

  /**
   * An array of {@code elementType} (a PostgreSQL type name, e.g. {@code uuid}); a null {@code
   * elements} sets SQL NULL.
   */
  NamedStatement setArray(String name, String elementType, Object[] elements) throws SQLException {
    if (elements == null) {
      return set(name, i -> prepared.setNull(i, java.sql.Types.ARRAY));
    }
    Array array = connection.createArrayOf(elementType, elements);
    arrays.add(array);
    return set(name, i -> prepared.setArray(i, array));
  }

  NamedStatement setString(String name, String value) throws SQLException {
    return set(name, i -> prepared.setString(i, value));
  }

  NamedStatement setInt(String name, int value) throws SQLException {
    return set(name, i -> prepared.setInt(i, value));
  }

  NamedStatement setLong(String name, long value) throws SQLException {
    return set(name, i -> prepared.setLong(i, value));
  }

  NamedStatement setBoolean(String name, boolean value) throws SQLException {
    return set(name, i -> prepared.setBoolean(i, value));
  }

  NamedStatement setObject(String name, Object value) throws SQLException {
    return set(name, i -> prepared.setObject(i, value));
  }

  ResultSet executeQuery() throws SQLException {
    return prepared.executeQuery();
  }

  int executeUpdate() throws SQLException {
    return prepared.executeUpdate();
  }

  boolean execute() throws SQLException {
    return prepared.execute();
  }

  private NamedStatement set(String name, Setter setter) throws SQLException {
    List<String> names = statement.parameters();
    boolean found = false;
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equals(name)) {
        setter.set(i + 1);
        found = true;
      }
    }
    if (!found) {
      throw new IllegalArgumentException(
          statement.file() + " has no parameter :" + name + " (it has " + names + ")");
    }
    return this;
  }

  @Override
  public void close() throws SQLException {
    try {
      for (Array a : arrays) {
        a.free();
      }
    } finally {
      prepared.close();
    }
  }
}
