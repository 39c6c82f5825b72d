package dev.cachify.impl;

import dev.cachify.CachifyException;

import io.vertx.core.Context;
import io.vertx.core.Future;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Waits for a Future on a thread that may block; refuses on an event-loop thread, where blocking
 * would stall every handler of that loop. What the blocking forms ({@code wrapBlocking},
 * {@code acquireBlocking}...) are built on; application code calls those rather than this.
 *
 * <pre>{@code
 * User user = Blocking.await(readUser.call(1L)); // on a worker thread or in main
 * }</pre>
 */
public final class Blocking {

  private Blocking() {
  }

  /**
   * Throws when called on an event-loop thread, where blocking would stall every handler on it.
   *
   * @throws IllegalStateException on an event-loop thread; the message names the thread
   */
  public static void checkMayBlock() {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("a blocking cachify call was made on an event-loop thread ("
        + Thread.currentThread().getName() + "); use the Future-based form there");
    }
  }

  /**
   * Blocks until {@code future} completes and answers its result; its failure is rethrown as is
   * when unchecked (a {@code StoreException} stays one).
   *
   * @param future the future to wait for
   * @param <T>    the result's type
   * @return the future's result
   * @throws IllegalStateException on an event-loop thread, before waiting
   * @throws CachifyException      when the thread is interrupted while waiting (its interrupt flag
   *                               set again), or the future failed with a checked exception (its
   *                               cause)
   */
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
