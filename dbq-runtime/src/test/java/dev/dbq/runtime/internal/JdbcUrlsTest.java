package dev.dbq.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {
  @Test
  void redactsThePasswordParameterWherever() {
    assertEquals(
        "jdbc:postgresql://h/db?user=u&password=****&ssl=true",
        JdbcUrls.redact("jdbc:postgresql://h/db?user=u&password=s3cret&ssl=true"));
    assertEquals(
        "jdbc:postgresql://h/db?password=****",
        JdbcUrls.redact("jdbc:postgresql://h/db?password=s3cret"));
    assertEquals(
        "jdbc:postgresql://h/db?user=u&PASSWORD=****",
        JdbcUrls.redact("jdbc:postgresql://h/db?user=u&PASSWORD=s3cret"));
  }

  @Test
  void redactsUserInfo() {
    assertEquals(
        "jdbc:postgresql://u:****@h/db", JdbcUrls.redact("jdbc:postgresql://u:s3cret@h/db"));
  }

  @Test
  void redactsUrlsInsideText() {
    assertEquals(
        "failed for jdbc:postgresql://h/db?password=****"
            + " and jdbc:postgresql://h/db?password=****",
        JdbcUrls.redactIn(
            "failed for jdbc:postgresql://h/db?password=a1"
                + " and jdbc:postgresql://h/db?password=b2"));
    // a password may hold any character but a separator: better mask too much than too little
    assertEquals(
        "(url jdbc:postgresql://h/db?password=****",
        JdbcUrls.redactIn("(url jdbc:postgresql://h/db?password=p)x)"));
    assertNull(JdbcUrls.redactIn(null));
    assertEquals("no url here", JdbcUrls.redactIn("no url here"));
  }

  @Test
  void leavesUrlsWithoutAPasswordAlone() {
    String url = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    assertEquals(url, JdbcUrls.redact(url));
  }

  @Test
  void splitsThePasswordOffTheUrl() {
    assertEquals(
        "jdbc:postgresql://h/db?user=u&ssl=true",
        JdbcUrls.withoutPassword("jdbc:postgresql://h/db?user=u&password=p&ssl=true"));
    assertEquals(
        "jdbc:postgresql://h/db?user=u",
        JdbcUrls.withoutPassword("jdbc:postgresql://h/db?password=p&user=u"));
    assertEquals(
        "jdbc:postgresql://h/db?user=u",
        JdbcUrls.withoutPassword("jdbc:postgresql://h/db?user=u&password=p"));
    assertEquals(
        "jdbc:postgresql://h/db", JdbcUrls.withoutPassword("jdbc:postgresql://h/db?password=p"));
    assertEquals("p w&", JdbcUrls.password("jdbc:postgresql://h/db?user=u&password=p+w%26&x=1"));
    assertNull(JdbcUrls.password("jdbc:postgresql://h/db?user=u"));
  }
}
