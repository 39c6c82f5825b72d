package dev.cachify.pool;

import dev.cachify.Ttl;
import dev.cachify.metrics.CachifyMetrics;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Fn;
import dev.cachify.fn.Params;
import dev.cachify.key.impl.KeyTemplate;
import dev.cachify.store.Store;

import java.util.Objects;

/** Configures a {@code pooled} wrapper; obtained from {@code Cachify.pooled(template, maxSize)}. */
public final class PooledBuilder<R> {

  private final KeyTemplate template;
  private final String prefix;
  private PoolSpec spec;
  private Fallback<?> onFull = Fallback.returning(null);

  public PooledBuilder(String template, String prefix, Store store, int maxSize, Ttl defaultSlotExp,
                       CachifyMetrics metrics) {
    this.template = KeyTemplate.parse(template);
    this.prefix = prefix;
    this.spec = new PoolSpec(store, maxSize, defaultSlotExp, template, metrics);
  }

  public PooledBuilder<R> slotExp(Ttl slotExp) {
    this.spec = spec.withSlotExp(Objects.requireNonNull(slotExp, "slotExp"));
    return this;
  }

  /** What a call answers when the pool is full; default {@code Fallback.returning(null)}. */
  @SuppressWarnings("unchecked")
  public <T> PooledBuilder<T> onFull(Fallback<T> onFull) {
    this.onFull = Objects.requireNonNull(onFull, "onFull");
    return (PooledBuilder<T>) this;
  }

  @SuppressWarnings("unchecked")
  public <T extends R> PooledFunction<T> wrap(Fn<T> fn) {
    return new PooledFunction<>(fn, keysFor(fn.params()), spec, (Fallback<T>) onFull);
  }

  @SuppressWarnings("unchecked")
  public <T extends R> BlockingPooledFunction<T> wrapBlocking(BlockingFn<T> fn) {
    return new BlockingPooledFunction<>(fn, keysFor(fn.params()), spec, (Fallback<T>) onFull);
  }

  private KeyTemplate keysFor(Params params) {
    return template.checkAgainst(params).between(prefix, "-pool");
  }
}
