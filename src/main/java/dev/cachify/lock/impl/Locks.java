package dev.cachify.lock.impl;

import dev.cachify.Ttl;
import dev.cachify.impl.Leases;
import dev.cachify.impl.Lifecycle;
import dev.cachify.lock.Lock;
import dev.cachify.lock.LockedBuilder;
import dev.cachify.lock.OnceBuilder;
import dev.cachify.metrics.CachifyMetrics;
import dev.cachify.store.Store;
import io.vertx.core.Vertx;

import java.time.Duration;

/**
 * The locks of one {@code Cachify} instance: what its {@code lock}, {@code locked} and
 * {@code once} hand out, over one {@link Locker}. Not API: only {@code Cachify} makes one.
 */
public final class Locks {

  private final Locker locker;
  private final String prefix;
  private final Ttl defaultExp;

  /**
   * @param pollInterval    the first wait between a waiting locker's attempts when the store does
   *                        not announce releases
   * @param maxPollInterval the most that wait doubles to
   * @param leases          the instance's holdings and their one timer: lease renewals, expiry
   *                        watches, and what its close releases
   * @param lifecycle       whether the instance is open: every call checks it
   * @param lease           what a lock taken with {@code exp(Ttl.NEVER)} is kept for between renewals
   * @param defaultExp      the expiry of locks and {@code once} guards that set none
   */
  public Locks(Vertx vertx, Store store, Leases leases, Lifecycle lifecycle, String prefix, Ttl defaultExp,
               Duration pollInterval, Duration maxPollInterval, Duration lease, CachifyMetrics metrics) {
    this.locker = new Locker(vertx, store, leases, lifecycle, pollInterval, maxPollInterval, lease, metrics);
    this.prefix = prefix;
    this.defaultExp = defaultExp;
  }

  /** The lock under {@code prefix + key}. */
  public Lock lock(String key) {
    return new LockImpl(locker, prefix + key, defaultExp);
  }

  /** A {@code locked} wrapper's builder for {@code template}. */
  public LockedBuilder locked(String template) {
    return new LockedBuilderImpl(template, prefix, locker, defaultExp);
  }

  /** A {@code once} wrapper's builder for {@code template}. */
  public <R> OnceBuilder<R> once(String template) {
    return new OnceBuilderImpl<>(template, prefix, locker, defaultExp);
  }
}
