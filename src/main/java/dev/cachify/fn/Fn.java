package dev.cachify.fn;

import io.vertx.core.Future;

import java.io.Serializable;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A Future-returning function with named parameters: what {@code cached}, {@code once},
 * {@code locked} and {@code pooled} wrap.
 *
 * <p>The parameters' types are read from the lambda ({@code (Long id) -> ...} declares a
 * {@code Long}), so a call's arguments are checked, and numbers widened, before anything runs
 * (see {@link Params#bind(Object...)}): {@code call(1)} on the function below binds {@code 1L}
 * and shares the key of {@code call(1L)}; {@code call("1")} fails with an
 * {@link IllegalArgumentException}, whether the entry is cached or not. Where a type cannot be
 * read (a {@link Function} object made elsewhere, an implicitly typed lambda), give it:
 * {@link #of(String, Class, Function)}, or {@link Params#withTypes}.
 *
 * <pre>{@code
 * Fn<User> read = Fn.of("userId", (Long id) -> repository.find(id));
 * }</pre>
 */
public final class Fn<R> {

  /**
   * A body of one parameter. Serializable only so that {@link Fn#of(String, Body1)} can read the
   * lambda's declared parameter type; nothing is ever serialized.
   */
  @FunctionalInterface
  public interface Body1<A, R> extends Function<A, Future<R>>, Serializable {
  }

  /** A body of two parameters; Serializable for the same reason as {@link Body1}. */
  @FunctionalInterface
  public interface Body2<A, B, R> extends BiFunction<A, B, Future<R>>, Serializable {
  }

  private final Params params;
  private final Function<Args, Future<R>> body;

  private Fn(Params params, Function<Args, Future<R>> body) {
    this.params = params;
    this.body = body;
  }

  /** A function over bound arguments; parameter types as {@code params} declares them ({@link Params#withTypes}). */
  public static <R> Fn<R> of(Params params, Function<Args, Future<R>> body) {
    return new Fn<>(params, body);
  }

  public static <R> Fn<R> of(Supplier<Future<R>> body) {
    return new Fn<>(Params.of(), args -> body.get());
  }

  /** One parameter named {@code a}, of the type the lambda declares. */
  public static <A, R> Fn<R> of(String a, Body1<A, R> body) {
    return new Fn<>(Params.of(a).withTypesOf(body), args -> body.apply(args.get(0)));
  }

  /**
   * One parameter named {@code a}; its type is read when {@code body}'s class declares it (not
   * from a lambda of plain {@link Function}: use {@link #of(String, Class, Function)} there).
   */
  public static <A, R> Fn<R> of(String a, Function<A, Future<R>> body) {
    return new Fn<>(Params.of(a).withTypesOf(body), args -> body.apply(args.get(0)));
  }

  /** One parameter named {@code a} of type {@code typeOfA}. */
  public static <A, R> Fn<R> of(String a, Class<A> typeOfA, Function<A, Future<R>> body) {
    return new Fn<>(Params.of(a).withTypes(typeOfA), args -> body.apply(args.get(0)));
  }

  /** Two parameters named {@code a} and {@code b}, of the types the lambda declares. */
  public static <A, B, R> Fn<R> of(String a, String b, Body2<A, B, R> body) {
    return new Fn<>(Params.of(a, b).withTypesOf(body), args -> body.apply(args.get(0), args.get(1)));
  }

  /** Two parameters; their types are read when {@code body}'s class declares them. */
  public static <A, B, R> Fn<R> of(String a, String b, BiFunction<A, B, Future<R>> body) {
    return new Fn<>(Params.of(a, b).withTypesOf(body), args -> body.apply(args.get(0), args.get(1)));
  }

  /** Two parameters of the given types. */
  public static <A, B, R> Fn<R> of(String a, Class<A> typeOfA, String b, Class<B> typeOfB,
                                   BiFunction<A, B, Future<R>> body) {
    return new Fn<>(Params.of(a, b).withTypes(typeOfA, typeOfB), args -> body.apply(args.get(0), args.get(1)));
  }

  /** The same function with a default for {@code name} (widened to its type as a call's argument would be). */
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
