package dev.cachify.pool;

import dev.cachify.Blocking;
import dev.cachify.Ttl;
import dev.cachify.metrics.CachifyMetrics;
import dev.cachify.impl.Guarded;
import dev.cachify.store.Store;
import io.vertx.core.Future;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A distributed semaphore under a fixed key: at most {@code maxSize} holders, each slot expiring
 * after its slot expiration so a dead holder frees it (py-cachify's {@code with pool(key)}).
 *
 * <pre>{@code
 * cachify.pool("exports", 4).withSlot(() -> runExport());   // fails with PoolFullException when full
 * }</pre>
 */
public final class Pool {

  private final String key;
  private PoolSpec spec;

  public Pool(Store store, String key, int maxSize, Ttl defaultSlotExp, CachifyMetrics metrics) {
    this.key = key;
    this.spec = new PoolSpec(store, maxSize, defaultSlotExp, key, metrics);
  }

  /** How long a slot lives if its holder never releases it; default: 600 s. */
  public Pool slotExp(Ttl slotExp) {
    this.spec = spec.withSlotExp(Objects.requireNonNull(slotExp, "slotExp"));
    return this;
  }

  public String key() {
    return key;
  }

  /** A held slot, or a {@link PoolFullException}. */
  public Future<PoolSlot> acquire() {
    return spec.tryAcquire(key).compose(slot -> slot != null ? Future.succeededFuture(slot)
      : Future.failedFuture(new PoolFullException(key, spec.maxSize())));
  }

  /** A slot acquired elsewhere, e.g. over the event bus, known by its id: to release it. */
  public PoolSlot slot(String slotId) {
    return new PoolSlot(spec.store(), key, Objects.requireNonNull(slotId, "slotId"));
  }

  /** How many slots are held now. */
  public Future<Integer> size() {
    return spec.size(key);
  }

  /** Runs {@code body} holding a slot, and frees it when the body's future completes. */
  public <T> Future<T> withSlot(Supplier<Future<T>> body) {
    return acquire().compose(slot -> Guarded.run(body).eventually(slot::release));
  }

  public int sizeBlocking() {
    return Blocking.await(size());
  }

  /** Runs {@code body} on this thread holding a slot, and always frees it. */
  public <T> T withSlotBlocking(Supplier<T> body) {
    PoolSlot slot = Blocking.await(acquire());
    try {
      return body.get();
    } finally {
      Blocking.await(slot.release());
    }
  }
}
