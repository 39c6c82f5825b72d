package dev.cachify.impl;

import io.vertx.core.Future;

import java.util.function.Supplier;

/** Runs a scope's body so that a thrown exception or a null future still ends the scope. */
public final class Guarded {

  private Guarded() {
  }

  public static <T> Future<T> run(Supplier<Future<T>> body) {
    try {
      Future<T> result = body.get();
      return result != null ? result
        : Future.failedFuture(new NullPointerException("the scope's body returned a null Future"));
    } catch (RuntimeException | Error e) {
      return Future.failedFuture(e);
    }
  }
}
