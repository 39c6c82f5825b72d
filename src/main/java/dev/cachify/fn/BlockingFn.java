package dev.cachify.fn;

import java.io.Serializable;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A plain (blocking) function with named parameters, for the blocking forms: it runs on the
 * caller's thread, which must not be an event-loop thread. Parameter types are read and checked
 * as {@link Fn}'s are.
 *
 * <pre>{@code
 * BlockingFn<User> read = BlockingFn.of("userId", (Long id) -> jdbc.find(id));
 * }</pre>
 */
public final class BlockingFn<R> {

  /** A body of one parameter; Serializable only so that its declared parameter type can be read. */
  @FunctionalInterface
  public interface Body1<A, R> extends Function<A, R>, Serializable {
  }

  /** A body of two parameters; Serializable only so that its declared parameter types can be read. */
  @FunctionalInterface
  public interface Body2<A, B, R> extends BiFunction<A, B, R>, Serializable {
  }

  private final Params params;
  private final Function<Args, R> body;

  private BlockingFn(Params params, Function<Args, R> body) {
    this.params = params;
    this.body = body;
  }

  public static <R> BlockingFn<R> of(Params params, Function<Args, R> body) {
    return new BlockingFn<>(params, body);
  }

  public static <R> BlockingFn<R> of(Supplier<R> body) {
    return new BlockingFn<>(Params.of(), args -> body.get());
  }

  /** One parameter named {@code a}, of the type the lambda declares. */
  public static <A, R> BlockingFn<R> of(String a, Body1<A, R> body) {
    return new BlockingFn<>(Params.of(a).withTypesOf(body), args -> body.apply(args.get(0)));
  }

  /** One parameter; its type is read when {@code body}'s class declares it. */
  public static <A, R> BlockingFn<R> of(String a, Function<A, R> body) {
    return new BlockingFn<>(Params.of(a).withTypesOf(body), args -> body.apply(args.get(0)));
  }

  /** One parameter named {@code a} of type {@code typeOfA}. */
  public static <A, R> BlockingFn<R> of(String a, Class<A> typeOfA, Function<A, R> body) {
    return new BlockingFn<>(Params.of(a).withTypes(typeOfA), args -> body.apply(args.get(0)));
  }

  /** Two parameters, of the types the lambda declares. */
  public static <A, B, R> BlockingFn<R> of(String a, String b, Body2<A, B, R> body) {
    return new BlockingFn<>(Params.of(a, b).withTypesOf(body), args -> body.apply(args.get(0), args.get(1)));
  }

  /** Two parameters; their types are read when {@code body}'s class declares them. */
  public static <A, B, R> BlockingFn<R> of(String a, String b, BiFunction<A, B, R> body) {
    return new BlockingFn<>(Params.of(a, b).withTypesOf(body), args -> body.apply(args.get(0), args.get(1)));
  }

  /** Two parameters of the given types. */
  public static <A, B, R> BlockingFn<R> of(String a, Class<A> typeOfA, String b, Class<B> typeOfB,
                                           BiFunction<A, B, R> body) {
    return new BlockingFn<>(Params.of(a, b).withTypes(typeOfA, typeOfB), args -> body.apply(args.get(0), args.get(1)));
  }

  public BlockingFn<R> withDefault(String name, Object value) {
    return new BlockingFn<>(params.withDefault(name, value), body);
  }

  public Params params() {
    return params;
  }

  public R invoke(Args args) {
    return body.apply(args);
  }
}
