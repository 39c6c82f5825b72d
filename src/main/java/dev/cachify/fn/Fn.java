package dev.cachify.fn;

import io.vertx.core.Future;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A Future-returning function with named parameters: what {@code cached}, {@code once},
 * {@code locked} and {@code pooled} wrap.
 *
 * <pre>{@code
 * Fn<User> read = Fn.of("userId", (Long id) -> repository.find(id));
 * }</pre>
 */
public final class Fn<R> {

  private final Params params;
  private final Function<Args, Future<R>> body;

  private Fn(Params params, Function<Args, Future<R>> body) {
    this.params = params;
    this.body = body;
  }

  public static <R> Fn<R> of(Params params, Function<Args, Future<R>> body) {
    return new Fn<>(params, body);
  }

  public static <R> Fn<R> of(Supplier<Future<R>> body) {
    return new Fn<>(Params.of(), args -> body.get());
  }

  public static <A, R> Fn<R> of(String a, Function<A, Future<R>> body) {
    return new Fn<>(Params.of(a), args -> body.apply(args.get(0)));
  }

  public static <A, B, R> Fn<R> of(String a, String b, BiFunction<A, B, Future<R>> body) {
    return new Fn<>(Params.of(a, b), args -> body.apply(args.get(0), args.get(1)));
  }

  /** The same function with a default for {@code name}. */
  public Fn<R> withDefault(String name, Object value) {
    return new Fn<>(params.withDefault(name, value), body);
  }

  public Params params() {
    return params;
  }

  /** Runs the body; a thrown exception or a null future becomes a failed future. */
  public Future<R> invoke(Args args) {
    try {
      Future<R> result = body.apply(args);
      return result != null ? result
        : Future.failedFuture(new NullPointerException("the wrapped function returned a null Future"));
    } catch (RuntimeException | Error e) {
      return Future.failedFuture(e);
    }
  }
}
