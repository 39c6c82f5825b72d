package dev.cachify.service.users;

import dev.cachify.lock.CachifyLockException;
import dev.cachify.store.StoreException;
import io.vertx.core.eventbus.ReplyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failure codes of the users contracts, on the event bus and over HTTP alike: they are the HTTP
 * statuses they map to. {@link #of} turns any outcome of {@link UserService} into one, in one
 * place, so that every channel answers the same failure with the same code.
 */
public final class UserFailures {

  /** Another update of the user runs (its {@code once} guard is held); nothing was changed. */
  public static final int IN_PROGRESS = 226;
  /** The message is not valid: missing or wrong fields, bad id, bad paging. */
  public static final int BAD_REQUEST = 400;
  /** No user with that id. */
  public static final int NOT_FOUND = 404;
  /**
   * An update carried a fencing token lower than the one the row was last written with: its lock
   * had expired and a newer holder already wrote. Nothing was written.
   */
  public static final int STALE_FENCE = 409;
  /** The database failed the statement, or the service failed unexpectedly. */
  public static final int DATABASE_ERROR = 500;
  /** The database, the data service or the cache store could not be reached. */
  public static final int UNAVAILABLE = 503;
  /** The data service did not answer in time. */
  public static final int TIMEOUT = 504;

  /** The message of every {@link #IN_PROGRESS} failure (the HTTP API's body says the same). */
  public static final String IN_PROGRESS_MESSAGE = "update in progress";

  private static final Logger LOG = LoggerFactory.getLogger(UserFailures.class);
  private static final long STORE_WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final AtomicLong lastStoreWarning = new AtomicLong(System.nanoTime() - STORE_WARNING_INTERVAL_NANOS);
  private static final AtomicLong suppressedStoreFailures = new AtomicLong();

  private UserFailures() {
  }

  /**
   * The answer to {@code failure}, logged where it needs a line: store failures at most one WARN
   * per interval, unexpected ones as ERROR naming {@code request} (e.g. "PUT /users/1").
   */
  public static UserFailure of(Throwable failure, String request) {
    if (failure instanceof UserFailure answer) {
      return answer;
    }
    if (failure instanceof CachifyLockException) {
      return new UserFailure(IN_PROGRESS, IN_PROGRESS_MESSAGE);
    }
    if (failure instanceof ReplyException reply) {
      return switch (reply.failureType()) {
        case RECIPIENT_FAILURE -> new UserFailure(statusOf(reply.failureCode()), reply.getMessage());
        case NO_HANDLERS -> new UserFailure(UNAVAILABLE, "the users data service is not available");
        case TIMEOUT -> new UserFailure(TIMEOUT, "the users data service did not answer in time");
        default -> new UserFailure(DATABASE_ERROR, String.valueOf(reply.getMessage()));
      };
    }
    if (failure instanceof StaleCacheException stale) {
      logStoreFailure(failure);
      return new UserFailure(UNAVAILABLE, stale.getMessage());
    }
    if (failure instanceof StoreException) {
      logStoreFailure(failure);
      return new UserFailure(UNAVAILABLE, "the cache store is not available");
    }
    LOG.error("Unexpected failure on {}", request, failure);
    return new UserFailure(DATABASE_ERROR, "internal error");
  }

  /** At most one WARN per interval: during an outage every change fails, and a line each would flood. */
  private static void logStoreFailure(Throwable failure) {
    long now = System.nanoTime();
    long last = lastStoreWarning.get();
    long suppressed = suppressedStoreFailures.get();
    if (now - last >= STORE_WARNING_INTERVAL_NANOS && lastStoreWarning.compareAndSet(last, now)) {
      suppressedStoreFailures.addAndGet(-suppressed);
      LOG.warn("Cache store failed, answering 503 ({} more such answers since the last line): {}",
        suppressed, failure.getMessage());
    } else {
      suppressedStoreFailures.incrementAndGet();
      LOG.debug("Cache store failed, answering 503: {}", failure.getMessage());
    }
  }

  /** A code the repository sent that is no HTTP error status is a bug on its side: 500. */
  private static int statusOf(int failureCode) {
    return failureCode >= 400 && failureCode < 600 ? failureCode : DATABASE_ERROR;
  }
}
