package dev.cachify.fn;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A plain (blocking) function with named parameters, for the blocking forms: it runs on the
 * caller's thread, which must not be an event-loop thread.
 *
 * <pre>{@code
 * BlockingFn<User> read = BlockingFn.of("userId", (Long id) -> jdbc.find(id));
 * }</pre>
 */
public final class BlockingFn<R> {

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

  public static <A, R> BlockingFn<R> of(String a, Function<A, R> body) {
    return new BlockingFn<>(Params.of(a), args -> body.apply(args.get(0)));
  }

  public static <A, B, R> BlockingFn<R> of(String a, String b, BiFunction<A, B, R> body) {
    return new BlockingFn<>(Params.of(a, b), args -> body.apply(args.get(0), args.get(1)));
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
