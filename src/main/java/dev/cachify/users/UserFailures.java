package dev.cachify.users;

/** Failure codes of the users event-bus contract; they are the HTTP statuses they map to. */
public final class UserFailures {

  /** The message is not valid: missing or wrong fields, bad id, bad paging. */
  public static final int BAD_REQUEST = 400;
  /** No user with that id. */
  public static final int NOT_FOUND = 404;
  /**
   * An update carried a fencing token lower than the one the row was last written with: its lock
   * had expired and a newer holder already wrote. Nothing was written.
   */
  public static final int STALE_FENCE = 409;
  /** The database failed the statement. */
  public static final int DATABASE_ERROR = 500;
  /** The database (or the cache store) could not be reached. */
  public static final int UNAVAILABLE = 503;

  private UserFailures() {
  }
}
