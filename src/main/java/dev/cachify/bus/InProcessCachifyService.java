package dev.cachify.bus;

import dev.cachify.Cachify;
import dev.cachify.Ttl;
import dev.cachify.cache.CacheEntry;
import dev.cachify.lock.Lock;
import dev.cachify.pool.Pool;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@link CachifyService} over an in-process {@link Cachify}: what {@link CachifyVerticle} serves.
 * Each call checks its arguments, then does exactly what the in-process API does, so both give
 * the same answers; every failure becomes a {@link CachifyFailures} code.
 */
final class InProcessCachifyService implements CachifyService {

  private final Cachify cachify;
  /** Read once: {@code options()} copies every setting, and the defaults never change. */
  private final Ttl defaultLockExp;
  private final Loaders loaders;

  /** A service that refuses every load (no loader is allowed). */
  InProcessCachifyService(Cachify cachify) {
    this(cachify, new LoaderOptions());
  }

  /**
   * A service whose loads may ask the loaders {@code loaderOptions} allows. Their load lock
   * ({@code CachifyOptions.entryLoadTimeout}) must not expire before a loader's timeout, or a slow
   * loader would let a second one in.
   */
  InProcessCachifyService(Cachify cachify, LoaderOptions loaderOptions) {
    this.cachify = cachify;
    this.defaultLockExp = cachify.options().getDefaultLockExpiration();
    long lockMillis = cachify.options().getEntryLoadTimeout().toMillis();
    if (loaderOptions.getAddresses() != null && lockMillis < loaderOptions.getTimeoutMs()) {
      throw new IllegalArgumentException("the entry load lock expires after " + lockMillis
        + " ms, before the loader timeout of " + loaderOptions.getTimeoutMs()
        + " ms: set CachifyOptions.setEntryLoadTimeout to at least that");
    }
    this.loaders = new Loaders(cachify.vertx().eventBus(), loaderOptions);
  }

  @Override
  public Future<CacheValue> get(String key) {
    return answer(() -> {
      String checked = BusArguments.key(key);
      return cachify.entry(checked).get().map(value -> new CacheValue(checked, value));
    });
  }

  @Override
  public Future<Void> set(CacheValue entry, Long ttlMs) {
    return answer(() -> {
      if (entry == null) {
        throw BusArguments.bad("entry is required");
      }
      String key = BusArguments.key(entry.getKey());
      if (entry.getValue() == null) {
        throw BusArguments.bad("value is required (a cache entry cannot hold null)");
      }
      Ttl ttl = BusArguments.optionalMillis("ttlMs", ttlMs);
      return ttl == null ? cachify.entry(key).set(entry.getValue()) : cachify.entry(key).set(entry.getValue(), ttl);
    });
  }

  @Override
  public Future<Void> reset(String key) {
    return answer(() -> cachify.entry(BusArguments.key(key)).reset());
  }

  @Override
  public Future<CacheValue> load(String key, LoadRequest request) {
    return answer(() -> {
      String checked = BusArguments.key(key);
      if (request == null) {
        throw BusArguments.bad("request is required: it names the loader");
      }
      // Checked before anything is read, so a refused loader is refused on a hit too.
      String loader = loaders.check(request.getLoader());
      Ttl ttl = BusArguments.optionalMillis("ttlMs", request.getTtlMs());
      Object body = BusArguments.json("body", request.getBody());
      CacheEntry<Object> entry = cachify.entry(checked);
      Supplier<Future<Object>> load = () -> loaders.call(loader, body);
      return (ttl == null ? entry.getOrLoad(load) : entry.getOrLoad(ttl, load))
        .map(value -> new CacheValue(checked, value));
    });
  }

  @Override
  public Future<LockGrant> acquireLock(String key, LockRequest request) {
    return answer(() -> {
      String checked = BusArguments.key(key);
      LockRequest settings = request == null ? new LockRequest() : request;
      Lock lock = cachify.lock(checked);
      Ttl exp = BusArguments.optionalMillis("expMs", settings.getExpMs());
      Ttl effectiveExp = exp != null ? exp : defaultLockExp;
      lock.exp(effectiveExp);
      if (!settings.isNowait()) {
        long timeout = settings.getTimeoutMs() == null ? LockRequest.DEFAULT_TIMEOUT_MS : settings.getTimeoutMs();
        if (timeout < 0 || timeout > LockRequest.MAX_TIMEOUT_MS) {
          throw BusArguments.bad("timeoutMs must be 0.." + LockRequest.MAX_TIMEOUT_MS + " milliseconds, got " + timeout);
        }
        lock.nowait(false).timeout(Duration.ofMillis(timeout));
      }
      Duration lifetime = effectiveExp.duration();
      return lock.acquire().map(handle -> new LockGrant(checked, handle.token(),
        lifetime == null ? 0 : lifetime.toMillis(), handle.fence()));
    });
  }

  @Override
  public Future<Boolean> releaseLock(String key, String token) {
    return answer(() -> cachify.lock(BusArguments.key(key)).handle(BusArguments.text("token", token, 256)).release());
  }

  @Override
  public Future<Boolean> extendLock(String key, String token, Long expMs) {
    return answer(() -> {
      String checked = BusArguments.key(key);
      String checkedToken = BusArguments.text("token", token, 256);
      Ttl exp = Ttl.millis(BusArguments.millis("expMs", expMs));
      return cachify.lock(checked).handle(checkedToken).extend(exp);
    });
  }

  @Override
  public Future<Boolean> isLocked(String key) {
    return answer(() -> cachify.isLocked(BusArguments.key(key)));
  }

  @Override
  public Future<SlotGrant> acquireSlot(String key, Integer maxSize, Long slotExpMs) {
    return answer(() -> {
      String checked = BusArguments.key(key);
      Pool pool = cachify.pool(checked, BusArguments.maxSize(maxSize));
      Ttl slotExp = BusArguments.optionalMillis("slotExpMs", slotExpMs);
      if (slotExp != null) {
        pool.slotExp(slotExp);
      }
      return pool.acquire().map(slot -> new SlotGrant(checked, slot.id()));
    });
  }

  @Override
  public Future<Boolean> releaseSlot(String key, String slot) {
    // The pool's size limit plays no part in a release.
    return answer(() -> cachify.pool(BusArguments.key(key), 1).slot(BusArguments.text("slot", slot, 256)).release());
  }

  @Override
  public Future<Integer> poolSize(String key, Integer maxSize) {
    return answer(() -> cachify.pool(BusArguments.key(key), BusArguments.maxSize(maxSize)).size());
  }

  /** Runs {@code call}; an argument check that throws fails the future, as a store failure does. */
  private static <T> Future<T> answer(Supplier<Future<T>> call) {
    Future<T> result;
    try {
      result = call.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.recover(e -> Future.failedFuture(CachifyFailures.of(e)));
  }
}
