package dev.cachify;

import io.vertx.core.Context;
import io.vertx.core.Future;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Waits for a Future on a thread that may block; refuses on an event-loop thread. */
public final class Blocking {

  private Blocking() {
  }

  /** Throws when called on an event-loop thread, where blocking would stall every handler on it. */
  public static void checkMayBlock() {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("a blocking cachify call was made on an event-loop thread ("
        + Thread.currentThread().getName() + "); use the Future-based form there");
    }
  }

  /** The future's result; its failure is rethrown as is when unchecked. */
  public static <T> T await(Future<T> future) {
    checkMayBlock();
    try {
      return future.toCompletionStage().toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CachifyException("interrupted while waiting for the store", e);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new CachifyException(String.valueOf(cause.getMessage()), cause);
    }
  }
}
