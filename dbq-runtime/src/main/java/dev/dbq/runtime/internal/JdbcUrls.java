package dev.dbq.runtime.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps passwords in JDBC URLs out of messages and logs, and out of the URL handed to the pool and
 * the driver (which quote their URL in errors). A secret can sit in a URL in two places: the
 * user-info ({@code jdbc:postgresql://user:SECRET@host/db}, which pgjdbc itself does not parse) and
 * a parameter whose name says it is one ({@code password}, {@code sslpassword}, anything with
 * {@code password}, {@code passwd}, {@code pwd}, {@code secret} or {@code token} in its name, in
 * any case, after {@code ?}, {@code &} or {@code ;}).
 */
public final class JdbcUrls {
  static final String MASK = "****";

  private static final String SECRET_NAME = "[\\w.-]*(?:password|passwd|pwd|secret|token)[\\w.-]*";

  // a secret parameter, up to the next '&' (or ';', white space, quote, end)
  private static final Pattern SECRET_PARAM =
      Pattern.compile("(?i)([?&;]" + SECRET_NAME + "=)([^&;\\s\"']*)");
  // //user:password@ or //user@ at the start of the host list
  private static final Pattern USER_INFO = Pattern.compile("//([^/:@\\s?&]*)(?::([^/@\\s?#]*))?@");
  // in free text only the form with a password matters
  private static final Pattern USER_INFO_IN_TEXT = Pattern.compile("(//[^/:@\\s]*:)[^/@\\s]*(@)");

  /**
   * A URL taken apart: what the driver may see, and the credentials it carried.
   *
   * @param url the URL without user-info and without secret parameters
   * @param user the user of the user-info, or null
   * @param password the password of the user-info or the {@code password} parameter, or null
   * @param secretProperties every other secret parameter (e.g. {@code sslpassword}), decoded, to be
   *     passed to the driver as a property
   */
  public record Split(
      String url, String user, String password, Map<String, String> secretProperties) {}

  private JdbcUrls() {}

  /**
   * Masks the passwords of a JDBC URL.
   *
   * @param url a JDBC URL, or null
   * @return the URL with any password replaced by {@value #MASK}
   */
  public static String redact(String url) {
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
  public static String redactIn(String text) {
    if (text == null) {
      return null;
    }
    String masked = SECRET_PARAM.matcher(text).replaceAll("$1" + MASK);
    return USER_INFO_IN_TEXT.matcher(masked).replaceAll("$1" + MASK + "$2");
  }

  /**
   * Masks URL passwords in a text and, wherever they appear, the given secrets themselves: a
   * driver's message may quote a piece of the URL ("invalid port SECRET@host") that no URL pattern
   * recognizes.
   *
   * @param text any text, or null
   * @param secrets the values to mask; nulls and empty strings are skipped
   * @return the text with every secret replaced by {@value #MASK}
   */
  public static String redactIn(String text, Collection<String> secrets) {
    String masked = redactIn(text);
    if (masked == null) {
      return null;
    }
    // longest first, so that a secret containing another is masked whole
    List<String> ordered = new ArrayList<>();
    for (String s : secrets) {
      if (s != null && !s.isEmpty()) {
        ordered.add(s);
      }
    }
    ordered.sort((a, b) -> b.length() - a.length());
    for (String secret : ordered) {
      masked = masked.replace(secret, MASK);
    }
    return masked;
  }

  /**
   * Every secret a URL carries, as written and decoded.
   *
   * @param url a JDBC URL, or null
   * @return the secrets, possibly none
   */
  public static Set<String> secrets(String url) {
    Set<String> secrets = new LinkedHashSet<>();
    if (url == null) {
      return secrets;
    }
    Matcher info = userInfo(url);
    if (info != null && info.group(2) != null) {
      secrets.add(info.group(2));
      secrets.add(decode(info.group(2)));
    }
    Matcher param = SECRET_PARAM.matcher(url);
    while (param.find()) {
      secrets.add(param.group(2));
      secrets.add(decode(param.group(2)));
    }
    secrets.remove("");
    return secrets;
  }

  /**
   * Takes the credentials out of a URL, so that the pool and the driver never hold a secret in a
   * string they might print.
   *
   * @param url a JDBC URL
   * @return the URL without them, and them
   */
  public static Split split(String url) {
    String user = null;
    String password = null;
    String rest = url;
    Matcher info = userInfo(rest);
    if (info != null) {
      user = info.group(1).isEmpty() ? null : decode(info.group(1));
      password = info.group(2) == null ? null : decode(info.group(2));
      rest = rest.substring(0, info.start()) + "//" + rest.substring(info.end());
    }
    Map<String, String> properties = new LinkedHashMap<>();
    Matcher param = SECRET_PARAM.matcher(rest);
    while (param.find()) {
      String name = param.group(1).substring(1, param.group(1).length() - 1);
      String value = decode(param.group(2));
      if (name.equals("password")) {
        password = value;
      } else {
        properties.put(name, value);
      }
    }
    return new Split(withoutSecretParameters(rest), user, password, properties);
  }

  /**
   * The {@code password} parameter of the URL, or its user-info password.
   *
   * @param url a JDBC URL
   * @return the decoded password, or null when the URL carries none
   */
  static String password(String url) {
    return split(url).password();
  }

  /**
   * The URL without its user-info password and secret parameters.
   *
   * @param url a JDBC URL
   * @return the URL the driver may see
   */
  static String withoutPassword(String url) {
    return split(url).url();
  }

  /** The user-info of the URL's authority (the first {@code //}, before any {@code ?}), or null. */
  private static Matcher userInfo(String url) {
    int authority = url.indexOf("//");
    int query = url.indexOf('?');
    if (authority < 0 || (query >= 0 && query < authority)) {
      return null;
    }
    Matcher m = USER_INFO.matcher(url).region(authority, url.length());
    return m.lookingAt() ? m : null;
  }

  private static String withoutSecretParameters(String url) {
    String stripped = url.replaceAll("(?i)([?&;])" + SECRET_NAME + "=[^&;]*(&|;)?", "$1");
    // drop a separator left dangling at the end: "...?a=1&" or "...?"
    return stripped.replaceAll("[?&;]$", "");
  }

  private static String decode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return value; // "%zz": the driver takes it as written
    }
  }
}
