package dev.dbq.runtime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbq.runtime.MigratedDatabase;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every statement the runtime runs is parsed and described by PostgreSQL against the migrated
 * schema, so a misspelled table, column, type or keyword fails the build (a cheap stand-in for
 * sqlc). The statements come from {@link SqlStatement} itself: a new one cannot be left out.
 * Utility statements ({@code LISTEN}, {@code VACUUM}, {@code CREATE TABLE}) are only parsed, not
 * analysed, by PostgreSQL: for them this checks the syntax.
 */
class SqlStatementTest {
  @RegisterExtension static final MigratedDatabase db = new MigratedDatabase();

  @ParameterizedTest
  @EnumSource(SqlStatement.class)
  void everyStatementPreparesAgainstTheMigratedSchema(SqlStatement statement) throws Exception {
    try (Connection c = db.dbq.dataSource().getConnection()) {
      int described = describe(c, statement.sql());
      assertEquals(statement.parameters().size(), described, statement.file());
    }
  }

  @Test
  void aMisspelledColumnFailsThePrepareCheck() throws Exception {
    try (Connection c = db.dbq.dataSource().getConnection()) {
      SQLException e =
          assertThrows(
              SQLException.class, () -> describe(c, "SELECT queue FROM dbq_job WHERE id = ?"));
      assertEquals("42703", e.getSQLState(), e.getMessage());
    }
  }

  @Test
  void everyResourceOfTheDirectoryIsAStatementTheLoaderKnows() throws Exception {
    URL directory = SqlStatement.class.getResource("sql/");
    Set<String> files;
    try (Stream<Path> listed = Files.list(Path.of(directory.toURI()))) {
      files =
          listed
              .map(p -> p.getFileName().toString())
              .collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> known =
        Arrays.stream(SqlStatement.values())
            .map(SqlStatement::file)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(known, files);
  }

  @Test
  void everyStatementStartsWithACommentHeader() {
    for (SqlStatement statement : SqlStatement.values()) {
      assertTrue(statement.sql().startsWith("-- "), statement.file());
    }
  }

  @Test
  void namesBecomeMarkersInOrderAndARepeatedNameBindsEveryMarker() {
    List<String> names = new ArrayList<>();
    String sql =
        SqlStatement.toJdbc(
            "t.sql", "SELECT :a::int[], :b, :a WHERE x::text = 'b:c'", Map.of(), names);
    assertEquals("SELECT ?::int[], ?, ? WHERE x::text = 'b:c'", sql);
    assertEquals(List.of("a", "b", "a"), names);
    assertEquals(List.of("limit", "limit"), SqlStatement.CLAIM.parameters().subList(0, 2));
  }

  @Test
  void literalsQuotedIdentifiersAndCommentsAreLeftAsWritten() {
    List<String> names = new ArrayList<>();
    String text =
        "-- :not_a_parameter, the job's ?\n"
            + "SELECT 'it''s :x', \"col:y\", a[1:2] /* :z ? */ FROM t WHERE b = :b";
    String sql = SqlStatement.toJdbc("t.sql", text, Map.of(), names);
    assertEquals(text.replace(":b", "?"), sql);
    assertEquals(List.of("b"), names);
  }

  @Test
  void anIdentifierParameterIsWrittenInAtLoad() {
    List<String> names = new ArrayList<>();
    assertEquals(
        "LISTEN dbq_job_enqueued",
        SqlStatement.toJdbc(
            "t.sql", "LISTEN :channel", Map.of("channel", "dbq_job_enqueued"), names));
    assertTrue(names.isEmpty());
    assertTrue(SqlStatement.LISTEN.sql().endsWith("LISTEN " + Notifications.CHANNEL + "\n"));
  }

  @Test
  void aPositionalMarkerIsRefused() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> SqlStatement.toJdbc("t.sql", "SELECT ? FROM t", Map.of(), new ArrayList<>()));
    assertTrue(e.getMessage().startsWith("t.sql: '?' at offset 7"), e.getMessage());
  }

  @Test
  void settingANameTheStatementDoesNotHaveIsRefused() throws Exception {
    try (Connection c = db.dbq.dataSource().getConnection();
        NamedStatement s = NamedStatement.prepare(c, SqlStatement.FIND_JOB)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> s.setString("job_id", "x"));
      assertEquals("find-job.sql has no parameter :job_id (it has [id])", e.getMessage());
    }
  }

  /**
   * Has PostgreSQL parse and describe the statement without running it.
   *
   * @return the number of parameters it found
   */
  private static int describe(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      return ps.getParameterMetaData().getParameterCount();
    }
  }
}
