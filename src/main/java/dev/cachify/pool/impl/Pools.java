package dev.cachify.pool.impl;

import dev.cachify.Ttl;
import dev.cachify.impl.Leases;
import dev.cachify.impl.Lifecycle;
import dev.cachify.metrics.CachifyMetrics;
import dev.cachify.pool.Pool;
import dev.cachify.pool.PooledBuilder;
import dev.cachify.store.Store;

/**
 * The pools of one {@code Cachify} instance: what its {@code pool} and {@code pooled} hand out,
 * and what they share (the store, the metrics, the holdings its close frees, whether it is open).
 * Not API: only {@code Cachify} makes one.
 */
public final class Pools {

  private final Store store;
  private final Leases leases;
  private final Lifecycle lifecycle;
  private final String prefix;
  private final Ttl defaultSlotExp;
  private final CachifyMetrics metrics;

  /**
   * @param leases         the instance's holdings: the slots of running scopes and wrappers, freed
   *                       at close
   * @param lifecycle      whether the instance is open: every call checks it
   * @param defaultSlotExp the expiry of pool slots that set none
   */
  public Pools(Store store, Leases leases, Lifecycle lifecycle, String prefix, Ttl defaultSlotExp,
               CachifyMetrics metrics) {
    this.store = store;
    this.leases = leases;
    this.lifecycle = lifecycle;
    this.prefix = prefix;
    this.defaultSlotExp = defaultSlotExp;
    this.metrics = metrics;
  }

  /** The pool under {@code prefix + key} with at most {@code maxSize} holders. */
  public Pool pool(String key, int maxSize) {
    String stored = prefix + key;
    return new PoolImpl(new PoolSpec(this, maxSize, defaultSlotExp, stored), stored);
  }

  /** A {@code pooled} wrapper's builder for {@code template}. */
  public <R> PooledBuilder<R> pooled(String template, int maxSize) {
    return new PooledBuilderImpl<>(template, prefix, this, maxSize, defaultSlotExp);
  }

  Store store() {
    return store;
  }

  Leases leases() {
    return leases;
  }

  Lifecycle lifecycle() {
    return lifecycle;
  }

  CachifyMetrics metrics() {
    return metrics;
  }
}
