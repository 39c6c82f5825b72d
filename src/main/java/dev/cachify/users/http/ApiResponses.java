package dev.cachify.users.http;

import dev.cachify.lock.CachifyLockException;
import dev.cachify.store.StoreException;
import dev.cachify.users.StaleCacheException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Turns outcomes into HTTP answers, in one place: event-bus failure codes become their status,
 * a held update lock becomes 226, an unreachable store 503 (also for a change that committed but
 * could not reset its cached read, with a message that says so); every error body is JSON.
 */
final class ApiResponses {

  static final String JSON = "application/json";
  private static final Logger LOG = LoggerFactory.getLogger(ApiResponses.class);
  private static final long STORE_WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final AtomicLong lastStoreWarning = new AtomicLong(System.nanoTime() - STORE_WARNING_INTERVAL_NANOS);
  private static final AtomicLong suppressedStoreFailures = new AtomicLong();

  private ApiResponses() {
  }

  static <T> Handler<AsyncResult<T>> ok(RoutingContext ctx, Consumer<T> onSuccess) {
    return ok(ctx, onSuccess, null);
  }

  /** Answers with {@code onSuccess}, {@code onLocked} for a held lock, or the mapped error. */
  static <T> Handler<AsyncResult<T>> ok(RoutingContext ctx, Consumer<T> onSuccess,
                                        Consumer<CachifyLockException> onLocked) {
    return result -> {
      if (result.succeeded()) {
        onSuccess.accept(result.result());
      } else if (onLocked != null && result.cause() instanceof CachifyLockException locked) {
        onLocked.accept(locked);
      } else {
        fail(ctx, result.cause());
      }
    };
  }

  static void fail(RoutingContext ctx, Throwable failure) {
    if (failure instanceof ReplyException reply) {
      switch (reply.failureType()) {
        case RECIPIENT_FAILURE -> error(ctx, statusOf(reply.failureCode()), reply.getMessage());
        case NO_HANDLERS -> error(ctx, 503, "the users data service is not available");
        case TIMEOUT -> error(ctx, 504, "the users data service did not answer in time");
        default -> error(ctx, 500, String.valueOf(reply.getMessage()));
      }
    } else if (failure instanceof StaleCacheException stale) {
      logStoreFailure(failure);
      error(ctx, 503, stale.getMessage());
    } else if (failure instanceof StoreException) {
      logStoreFailure(failure);
      error(ctx, 503, "the cache store is not available");
    } else {
      LOG.error("Unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
      error(ctx, 500, "internal error");
    }
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

  static void json(RoutingContext ctx, int status, JsonObject body) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(body.toBuffer());
    }
  }

  static void error(RoutingContext ctx, int status, String message) {
    json(ctx, status, new JsonObject().put("error", message));
  }

  private static int statusOf(int failureCode) {
    return failureCode >= 400 && failureCode < 600 ? failureCode : 500;
  }
}
