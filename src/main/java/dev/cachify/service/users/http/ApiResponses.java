package dev.cachify.service.users.http;

import dev.cachify.service.users.UserFailure;
import dev.cachify.service.users.UserFailures;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns outcomes into HTTP answers, in one place: a failure becomes the status {@link UserFailures}
 * gives it on every channel (a held update lock 226 with the tutorial's body, an unreachable store
 * 503, also for a change that committed but could not reset its cached read, with a message that
 * says so); every error body is JSON.
 */
final class ApiResponses {

  static final String JSON = "application/json";
  private static final JsonObject IN_PROGRESS = new JsonObject().put("status", UserFailures.IN_PROGRESS_MESSAGE);

  private ApiResponses() {
  }

  /** Answers with {@code onSuccess}, or the failure's status. */
  static <T> Handler<AsyncResult<T>> ok(RoutingContext ctx, Consumer<T> onSuccess) {
    return result -> {
      if (result.succeeded()) {
        onSuccess.accept(result.result());
      } else {
        fail(ctx, result.cause());
      }
    };
  }

  /** {@code call}'s future; a request check that throws fails it, to be answered like any failure. */
  static <T> Future<T> attempt(Supplier<Future<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  static void fail(RoutingContext ctx, Throwable failure) {
    UserFailure answer = UserFailures.of(failure, ctx.request().method() + " " + ctx.request().path());
    if (answer.code() == UserFailures.IN_PROGRESS) {
      json(ctx, answer.code(), IN_PROGRESS);
    } else {
      error(ctx, answer.code(), answer.getMessage());
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
}
