package dev.cachify.users.data;

import dev.cachify.users.UserFailures;

/**
 * A failure the repository answers with {@code fail(code, message)}: a code of
 * {@link UserFailures} and a message for the caller. Carries no stack trace: it is an answer,
 * not a bug.
 */
final class RepositoryFailure extends RuntimeException {

  private final int code;

  RepositoryFailure(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  int code() {
    return code;
  }

  static RepositoryFailure badRequest(String message) {
    return new RepositoryFailure(UserFailures.BAD_REQUEST, message);
  }

  static RepositoryFailure staleFence(long id, long fence) {
    return new RepositoryFailure(UserFailures.STALE_FENCE, "update of user " + id + " refused: its lock (fence "
      + fence + ") had expired and a newer update already wrote the user");
  }

  static RepositoryFailure notFound(long id) {
    return new RepositoryFailure(UserFailures.NOT_FOUND, "no user with id " + id);
  }
}
