package dev.cachify.pool;

import dev.cachify.fn.Args;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Fn;
import dev.cachify.key.impl.KeyTemplate;
import io.vertx.core.Future;

import java.util.Map;

/**
 * A function that runs only while the pool its arguments map to has a free slot (py-cachify's
 * {@code @pooled}); when full it answers its {@link Fallback}.
 *
 * <pre>{@code
 * PooledFunction<Report> render = cachify.pooled("render-{tenant}", 2)
 *     .onFull(Fallback.failing())
 *     .wrap(Fn.of("tenant", (String t) -> renderReport(t)));
 * }</pre>
 */
public final class PooledFunction<R> {

  private final Fn<R> fn;
  private final KeyTemplate keys;
  private final PoolSpec spec;
  private final Fallback<R> onFull;

  PooledFunction(Fn<R> fn, KeyTemplate keys, PoolSpec spec, Fallback<R> onFull) {
    this.fn = fn;
    this.keys = keys;
    this.spec = spec;
    this.onFull = onFull;
  }

  public Future<R> call(Object... args) {
    return call(fn.params().bind(args));
  }

  public Future<R> callNamed(Map<String, ?> args) {
    return call(fn.params().bind(args));
  }

  /** How many calls with these arguments hold a slot now. */
  public Future<Integer> size(Object... args) {
    return spec.size(keyFor(args));
  }

  public String keyFor(Object... args) {
    return keys.format(fn.params().bind(args));
  }

  private Future<R> call(Args args) {
    String key = keys.format(args);
    return spec.tryAcquire(key).compose(slot -> slot == null
      ? onFull.answerAsync(args, () -> new PoolFullException(key, spec.maxSize()))
      : fn.invoke(args).eventually(slot::release));
  }
}
