package dev.cachify.pool.impl;

import dev.cachify.Ttl;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Fn;
import dev.cachify.fn.Params;
import dev.cachify.key.impl.KeyTemplate;
import dev.cachify.pool.BlockingPooledFunction;
import dev.cachify.pool.PooledBuilder;
import dev.cachify.pool.PooledFunction;

import java.util.Objects;

/** {@link PooledBuilder}: each wrapper keeps the pool spec it was built with. */
final class PooledBuilderImpl<R> implements PooledBuilder<R> {

  private final KeyTemplate template;
  private final String prefix;
  private PoolSpec spec;
  private Fallback<?> onFull = Fallback.returning(null);

  PooledBuilderImpl(String template, String prefix, Pools pools, int maxSize, Ttl defaultSlotExp) {
    this.template = KeyTemplate.parse(template);
    this.prefix = prefix;
    this.spec = new PoolSpec(pools, maxSize, defaultSlotExp, template);
  }

  @Override
  public PooledBuilder<R> slotExp(Ttl slotExp) {
    this.spec = spec.withSlotExp(Objects.requireNonNull(slotExp, "slotExp"));
    return this;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> PooledBuilder<T> onFull(Fallback<T> onFull) {
    this.onFull = Objects.requireNonNull(onFull, "onFull");
    return (PooledBuilder<T>) this;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends R> PooledFunction<T> wrap(Fn<T> fn) {
    spec.pools().lifecycle().checkOpen();
    return new PooledFunctionImpl<>(fn, keysFor(fn.params()), spec, (Fallback<T>) onFull);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends R> BlockingPooledFunction<T> wrapBlocking(BlockingFn<T> fn) {
    spec.pools().lifecycle().checkOpen();
    return new BlockingPooledFunctionImpl<>(fn, keysFor(fn.params()), spec, (Fallback<T>) onFull);
  }

  private KeyTemplate keysFor(Params params) {
    return template.checkAgainst(params).between(prefix, "-pool");
  }
}
