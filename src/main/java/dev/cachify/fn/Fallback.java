package dev.cachify.fn;

import io.vertx.core.Future;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a guarded call answers when it cannot run (a {@code once} key held elsewhere, a full
 * pool): a value, a supplier's value for the call's arguments, or the guard's error.
 *
 * <pre>{@code
 * cachify.once("update-user-{userId}").onLocked(Fallback.failing());
 * cachify.pooled("render-{page}", 4).onFull(Fallback.supplying(args -> placeholder(args.get(0))));
 * }</pre>
 */
public final class Fallback<R> {

  private final Function<Args, R> answer;

  private Fallback(Function<Args, R> answer) {
    this.answer = answer;
  }

  /** Answer {@code value} (py-cachify's {@code return_on_locked}; {@code null} by default). */
  public static <R> Fallback<R> returning(R value) {
    return new Fallback<>(args -> value);
  }

  /** Answer what {@code supplier} gives for the call's arguments (py-cachify's {@code on_full}). */
  public static <R> Fallback<R> supplying(Function<Args, R> supplier) {
    return new Fallback<>(supplier);
  }

  /** Fail with the guard's error (py-cachify's {@code raise_on_locked} / {@code raise_on_full}). */
  public static <R> Fallback<R> failing() {
    return new Fallback<>(null);
  }

  /** The answer for {@code args}; throws {@code error}'s exception when failing. */
  public R answer(Args args, Supplier<? extends RuntimeException> error) {
    if (answer == null) {
      throw error.get();
    }
    return answer.apply(args);
  }

  public Future<R> answerAsync(Args args, Supplier<? extends RuntimeException> error) {
    try {
      return Future.succeededFuture(answer(args, error));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
