package dev.cachify.service.users.data;

import java.util.Locale;
import java.util.regex.Pattern;

/** What the repository reads from a JDBC URL: the dialect, the SQLite defaults, a loggable form. */
final class JdbcUrls {

  private static final Pattern USER_INFO = Pattern.compile("//([^/@:]*):[^/@]*@");
  private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

  private JdbcUrls() {
  }

  static boolean isSqlite(String url) {
    return url.toLowerCase(Locale.ROOT).startsWith("jdbc:sqlite:");
  }

  /** The URL without secrets: {@code user:pass@} becomes {@code user:***@}, {@code password=x} becomes {@code password=***}. */
  static String redact(String url) {
    if (url == null) {
      return null;
    }
    String noUserInfo = USER_INFO.matcher(url).replaceAll("//$1:***@");
    return PASSWORD.matcher(noUserInfo).replaceAll("$1***");
  }

  /**
   * The URL the pool connects with. SQLite gets WAL (readers do not block the writer) and a busy
   * timeout (a writer waits for another instead of failing with SQLITE_BUSY) unless the URL sets them.
   */
  static String effective(String url) {
    if (!isSqlite(url)) {
      return url;
    }
    String lower = url.toLowerCase(Locale.ROOT);
    StringBuilder effective = new StringBuilder(url);
    if (!lower.contains("journal_mode=")) {
      effective.append(effective.indexOf("?") < 0 ? '?' : '&').append("journal_mode=WAL");
    }
    if (!lower.contains("busy_timeout=")) {
      effective.append(effective.indexOf("?") < 0 ? '?' : '&').append("busy_timeout=5000");
    }
    return effective.toString();
  }
}
