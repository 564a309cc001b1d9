package dev.dbq.runtime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps passwords in JDBC URLs out of messages and logs, and out of the URL handed to the pool. */
final class JdbcUrls {
  static final String MASK = "****";

  // password=... as a URL parameter, up to the next '&' (or ';', ' ', quote, end)
  private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;]password=)[^&;\\s\"']*");
  // //user:password@host
  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]*:)[^/@\\s]*(@)");

  private JdbcUrls() {}

  /**
   * Masks the password of a JDBC URL.
   *
   * @param url a JDBC URL, or null
   * @return the URL with any password replaced by {@value #MASK}
   */
  static String redact(String url) {
    return redactIn(url);
  }

  /**
   * Masks every JDBC URL password in a text, e.g. an exception message that quotes a URL. A
   * password is taken to run to the next {@code &}, {@code ;}, quote or white space, so a character
   * after it such as {@code )} is masked too: better too much than too little.
   *
   * @param text any text, or null
   * @return the text with passwords replaced by {@value #MASK}
   */
  static String redactIn(String text) {
    if (text == null) {
      return null;
    }
    String masked = PASSWORD_PARAM.matcher(text).replaceAll("$1" + MASK);
    return USER_INFO.matcher(masked).replaceAll("$1" + MASK + "$2");
  }

  /**
   * The password given as a {@code password=} parameter of the URL.
   *
   * @param url a JDBC URL
   * @return the decoded password, or null when the URL carries none
   */
  static String password(String url) {
    Matcher m = PASSWORD_PARAM.matcher(url);
    if (!m.find()) {
      return null;
    }
    String value = url.substring(m.end(1), m.end());
    return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * The URL without its {@code password=} parameter, so that the pool and the driver never hold it
   * in a string they might print.
   *
   * @param url a JDBC URL
   * @return the URL without the password parameter
   */
  static String withoutPassword(String url) {
    String stripped = url.replaceAll("(?i)([?&;])password=[^&;]*(&|;)?", "$1");
    // drop a separator left dangling at the end: "...?a=1&" or "...?"
    return stripped.replaceAll("[?&;]$", "");
  }
}
