package dev.cachify.lock;

import dev.cachify.fn.Args;
import dev.cachify.fn.Params;
import io.vertx.core.Future;

import java.io.Serializable;
import java.util.function.BiFunction;

/**
 * A function for {@code once(...).wrapLeased(...)} that also gets the lock it runs under: its
 * {@link LockHandle#fence() fence}, to pass to the resource it writes, and {@link LockHandle#lost()}.
 *
 * <pre>{@code
 * cachify.once("update-user-{userId}").onLocked(Fallback.failing())
 *     .wrapLeased(LeasedFn.of("userId", "changes",
 *         (Long id, UserChanges c, LockHandle lock) -> repository.update(id, c, lock.fence())));
 * }</pre>
 */
public final class LeasedFn<R> {

  /**
   * A body of one named parameter and the lock. Serializable, so that the parameter's declared
   * type can be read from a lambda (arguments are checked against it, as for {@code Fn}).
   */
  @FunctionalInterface
  public interface Body1<A, R> extends BiFunction<A, LockHandle, Future<R>>, Serializable {
  }

  /**
   * A body of two named parameters and the lock. Serializable, so that the parameters' declared
   * types can be read from a lambda (arguments are checked against them, as for {@code Fn}).
   */
  @FunctionalInterface
  public interface Body2<A, B, R> extends Serializable {

    /**
     * Runs the body.
     *
     * @param a    the first argument
     * @param b    the second argument
     * @param lock the lock the call runs under
     * @return the body's outcome
     */
    Future<R> apply(A a, B b, LockHandle lock);
  }

  private final Params params;
  private final BiFunction<Args, LockHandle, Future<R>> body;

  private LeasedFn(Params params, BiFunction<Args, LockHandle, Future<R>> body) {
    this.params = params;
    this.body = body;
  }

  /**
   * A body of one named parameter and the lock.
   *
   * @param a    the parameter's name, as templates name it
   * @param body the body, given the argument and the lock
   * @param <A>  the parameter's type
   * @param <R>  what the body answers
   * @return the function, for {@code OnceBuilder.wrapLeased}
   */
  public static <A, R> LeasedFn<R> of(String a, Body1<A, R> body) {
    return new LeasedFn<>(Params.of(a).withTypesOf(body), (args, lock) -> body.apply(args.get(0), lock));
  }

  /**
   * A body of one named parameter and the lock, given as a plain function: its parameter's type
   * is not read, so arguments are not checked against it.
   *
   * @param a    the parameter's name, as templates name it
   * @param body the body, given the argument and the lock
   * @param <A>  the parameter's type
   * @param <R>  what the body answers
   * @return the function, for {@code OnceBuilder.wrapLeased}
   */
  public static <A, R> LeasedFn<R> of(String a, BiFunction<A, LockHandle, Future<R>> body) {
    return new LeasedFn<>(Params.of(a), (args, lock) -> body.apply(args.get(0), lock));
  }

  /**
   * A body of two named parameters and the lock.
   *
   * @param a    the first parameter's name
   * @param b    the second parameter's name
   * @param body the body, given the arguments and the lock
   * @param <A>  the first parameter's type
   * @param <B>  the second parameter's type
   * @param <R>  what the body answers
   * @return the function, for {@code OnceBuilder.wrapLeased}
   */
  public static <A, B, R> LeasedFn<R> of(String a, String b, Body2<A, B, R> body) {
    return new LeasedFn<>(Params.of(a, b).withTypesOf(body), (args, lock) -> body.apply(args.get(0), args.get(1), lock));
  }

  /**
   * The body's parameters, as {@code Fn.params()}.
   *
   * @return the parameter names and defaults keys are bound by
   */
  public Params params() {
    return params;
  }

  /**
   * Runs the body with its arguments and the lock it runs under (what a {@code once} wrapper
   * does); a thrown exception or a null future becomes a failed future.
   *
   * @param args the bound arguments
   * @param lock the lock the call runs under
   * @return the body's outcome
   */
  public Future<R> invoke(Args args, LockHandle lock) {
    try {
      Future<R> result = body.apply(args, lock);
      return result != null ? result
        : Future.failedFuture(new NullPointerException("the wrapped function returned a null Future"));
    } catch (RuntimeException | Error e) {
      return Future.failedFuture(e);
    }
  }
}
