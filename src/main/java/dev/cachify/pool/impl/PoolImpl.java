package dev.cachify.pool.impl;

import dev.cachify.impl.Blocking;
import dev.cachify.Ttl;
import dev.cachify.impl.Guarded;
import dev.cachify.pool.Pool;
import dev.cachify.pool.PoolFullException;
import dev.cachify.pool.PoolSlot;
import io.vertx.core.Future;

import java.util.Objects;
import java.util.function.Supplier;

/** {@link Pool} over a {@link PoolSpec}. */
final class PoolImpl implements Pool {

  private final String key;
  private PoolSpec spec;

  PoolImpl(PoolSpec spec, String key) {
    this.key = key;
    this.spec = spec;
  }

  @Override
  public Pool slotExp(Ttl slotExp) {
    this.spec = spec.withSlotExp(Objects.requireNonNull(slotExp, "slotExp"));
    return this;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public Future<PoolSlot> acquire() {
    return held(false).map(slot -> slot);
  }

  @Override
  public PoolSlot slot(String slotId) {
    return new PoolSlotImpl(spec.pools(), key, Objects.requireNonNull(slotId, "slotId"));
  }

  @Override
  public Future<Integer> size() {
    return spec.size(key);
  }

  @Override
  public <T> Future<T> withSlot(Supplier<Future<T>> body) {
    return held(true).compose(slot -> Guarded.run(body).eventually(slot::endScope));
  }

  @Override
  public int sizeBlocking() {
    return Blocking.await(size());
  }

  @Override
  public <T> T withSlotBlocking(Supplier<T> body) {
    PoolSlotImpl slot = Blocking.await(held(true));
    try {
      return body.get();
    } finally {
      Blocking.await(slot.endScope());
    }
  }

  /** A held slot, or a {@link PoolFullException}. */
  private Future<PoolSlotImpl> held(boolean scoped) {
    return spec.tryAcquire(key, scoped).compose(slot -> slot != null ? Future.succeededFuture(slot)
      : Future.failedFuture(new PoolFullException(key, spec.maxSize())));
  }
}
