package dev.cachify.pool;

import dev.cachify.Ttl;
import io.vertx.core.Future;

import java.util.function.Supplier;

/**
 * A distributed semaphore under a fixed key (py-cachify's {@code with pool(key)}), obtained from
 * {@code Cachify.pool(key, maxSize)}: at most {@code maxSize} holders, each slot expiring after
 * its slot expiration so a dead holder frees it.
 *
 * <p>Once its {@code Cachify} instance is closed, every call fails with a
 * {@link dev.cachify.CachifyClosedException}.
 *
 * <pre>{@code
 * cachify.pool("exports", 4).slotExp(Ttl.seconds(120))
 *     .withSlot(() -> runExport());            // fails with PoolFullException when all 4 are held
 * }</pre>
 */
public interface Pool {

  /**
   * How long a slot lives if its holder never releases it; default: the instance's pool-slot
   * expiration (600 s).
   *
   * @param slotExp a fixed expiry, or {@code Ttl.NEVER}
   * @return this pool, to configure further
   * @throws NullPointerException when {@code slotExp} is null
   */
  Pool slotExp(Ttl slotExp);

  /**
   * The stored key: the instance's prefix and the key given.
   *
   * @return the key the store keeps the pool under
   */
  String key();

  /**
   * Takes a slot.
   *
   * @return the held slot; failed with a {@link PoolFullException} when every slot is held, or a
   *         {@code StoreException}
   */
  Future<PoolSlot> acquire();

  /**
   * A slot acquired elsewhere (over the event bus, say), known by its id: to release it.
   *
   * @param slotId the id of that slot ({@link PoolSlot#id()})
   * @return a handle on that slot
   * @throws NullPointerException when {@code slotId} is null
   */
  PoolSlot slot(String slotId);

  /**
   * How many slots are held now.
   *
   * @return the number of unexpired held slots
   */
  Future<Integer> size();

  /**
   * Runs {@code body} holding a slot, and frees it when the body's future completes, success or
   * failure, also when the body throws.
   *
   * @param body the scope's work
   * @param <T>  what the body answers
   * @return the body's outcome; failed with a {@link PoolFullException} (the body did not run)
   *         when the pool is full
   */
  <T> Future<T> withSlot(Supplier<Future<T>> body);

  /**
   * {@link #size()} on a thread that may block.
   *
   * @return the number of unexpired held slots
   * @throws IllegalStateException on an event-loop thread
   */
  int sizeBlocking();

  /**
   * Runs {@code body} on this thread holding a slot, and always frees it.
   *
   * @param body the scope's work
   * @param <T>  what the body answers
   * @return what the body answers
   * @throws PoolFullException     when the pool is full (the body did not run)
   * @throws IllegalStateException on an event-loop thread
   */
  <T> T withSlotBlocking(Supplier<T> body);
}
