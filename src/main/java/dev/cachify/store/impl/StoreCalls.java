package dev.cachify.store.impl;

import dev.cachify.store.StoreException;

import io.vertx.core.Future;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounds a remote store call in time and turns its failure into a {@link StoreException}. */
public final class StoreCalls {

  private StoreCalls() {
  }

  /**
   * {@code call} as it is when it answers within {@code timeoutMillis}; otherwise, or when it
   * fails, a {@link StoreException} naming the store, the operation and the key.
   *
   * @param store         the store's name
   * @param operation     the {@code Store} method
   * @param key           the key it was called with
   * @param timeoutMillis how long {@code call} may take
   * @param call          the store call
   * @param <T>           the call's result type
   * @return {@code call}'s result; failed with a {@link StoreException} (a {@code StoreException}
   *     of {@code call} kept as it is) when it fails or does not answer in time
   */
  public static <T> Future<T> guard(String store, String operation, String key, long timeoutMillis,
                                    Future<T> call) {
    return call.timeout(timeoutMillis, TimeUnit.MILLISECONDS).recover(error -> {
      if (error instanceof StoreException) {
        return Future.failedFuture(error);
      }
      String reason = error instanceof TimeoutException
        ? "no answer within " + timeoutMillis + " ms"
        : String.valueOf(error.getMessage());
      return Future.failedFuture(new StoreException(
        store + " store: " + operation + " '" + key + "' failed: " + reason, error));
    });
  }
}
