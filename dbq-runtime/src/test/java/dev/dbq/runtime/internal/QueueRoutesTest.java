package dev.dbq.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code DBQ_ROUTES} as text: entries, queues, URLs, and what is refused. */
class QueueRoutesTest {
  @Test
  void entriesNameQueuesAndUrlsAndAMultiHostUrlKeepsItsCommas() {
    QueueRoutes routes =
        QueueRoutes.parse(
            " imports, reports = jdbc:postgresql://a:5432,b:5432/app?targetServerType=primary ;"
                + "mail=jdbc:postgresql://c/app;;"
                + "audit=jdbc:postgresql://c/app");

    assertEquals(
        Map.of(
            "jdbc:postgresql://a:5432,b:5432/app?targetServerType=primary",
            List.of("imports", "reports"),
            "jdbc:postgresql://c/app",
            List.of("mail", "audit")),
        routes.byUrl());
    assertEquals(QueueRoutes.NONE, QueueRoutes.fromEnvironment(Map.of("DBQ_ROUTES", " ")));
  }

  @Test
  void badEntriesAreRefusedWithOneLineNamingThem() {
    assertEquals(
        "DBQ_ROUTES entry 'imports' is not QUEUE[,QUEUE...]=JDBC_URL",
        assertThrows(IllegalArgumentException.class, () -> QueueRoutes.parse("imports"))
            .getMessage());
    assertEquals(
        "queue 'imports' is routed twice in DBQ_ROUTES: route it once",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    QueueRoutes.parse(
                        "imports=jdbc:postgresql://a/x;imports=jdbc:postgresql://b/x"))
            .getMessage());
    String bad =
        assertThrows(
                IllegalArgumentException.class,
                () -> QueueRoutes.parse("imports=postgres://u:hunter2@a/x"))
            .getMessage();
    assertFalse(bad.contains("hunter2"), bad);
    assertThrows(IllegalArgumentException.class, () -> QueueRoutes.parse("=jdbc:postgresql://a/x"));
    assertThrows(
        IllegalArgumentException.class, () -> QueueRoutes.parse("9lives=jdbc:postgresql://a/x"));
  }
}
