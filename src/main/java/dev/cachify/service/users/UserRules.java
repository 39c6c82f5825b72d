package dev.cachify.service.users;

import java.util.regex.Pattern;

/** What a valid user is, in one place: the OpenAPI document states the same bounds. */
public final class UserRules {

  public static final int NAME_MAX = 100;
  public static final int EMAIL_MAX = 254;
  public static final int LIST_MAX = 100;
  public static final int LIST_DEFAULT = 20;
  /** Control characters: PostgreSQL refuses NUL, and none belongs in a name. */
  public static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1F\\x7F]");
  /** One '@', something on each side, a dot in the domain, no spaces. */
  public static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private UserRules() {
  }

  /** Why {@code name} is not valid, or null when it is. */
  public static String nameProblem(Object name) {
    if (!(name instanceof String s)) {
      return name == null ? "name is required" : "name must be a string";
    }
    if (s.isBlank()) {
      return "name must not be blank";
    }
    if (s.codePointCount(0, s.length()) > NAME_MAX) {
      return "name must be at most " + NAME_MAX + " characters";
    }
    if (CONTROL.matcher(s).find()) {
      return "name must not contain control characters";
    }
    return null;
  }

  /** Why {@code email} is not valid, or null when it is. */
  public static String emailProblem(Object email) {
    if (!(email instanceof String s)) {
      return email == null ? "email is required" : "email must be a string";
    }
    if (s.length() > EMAIL_MAX) {
      return "email must be at most " + EMAIL_MAX + " characters";
    }
    if (!EMAIL.matcher(s).matches()) {
      return "email must be an e-mail address";
    }
    return null;
  }
}
