package dev.cachify.service.app;

/** Connection URLs as they may appear in logs: without passwords. */
final class Redacted {

  private Redacted() {
  }

  static String url(String url) {
    if (url == null) {
      return null;
    }
    return url
      .replaceAll("//([^/@:]*):[^/@]*@", "//$1:***@")
      .replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
