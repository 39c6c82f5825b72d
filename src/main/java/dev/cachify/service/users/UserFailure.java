package dev.cachify.service.users;

/**
 * A failure the users service answers with {@code fail(code, message)} on the event bus and with
 * that status over HTTP: a code of {@link UserFailures} and a message for the caller. Carries no
 * stack trace: it is an answer, not a bug.
 */
public final class UserFailure extends RuntimeException {

  private final int code;

  public UserFailure(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static UserFailure badRequest(String message) {
    return new UserFailure(UserFailures.BAD_REQUEST, message);
  }

  public static UserFailure staleFence(long id, long fence) {
    return new UserFailure(UserFailures.STALE_FENCE, "update of user " + id + " refused: its lock (fence "
      + fence + ") had expired and a newer update already wrote the user");
  }

  public static UserFailure notFound(long id) {
    return new UserFailure(UserFailures.NOT_FOUND, "no user with id " + id);
  }
}
