package dev.cachify.store.impl;

import com.github.benmanes.caffeine.cache.Ticker;

import java.util.concurrent.locks.LockSupport;

/**
 * {@link System#nanoTime()} read once a millisecond by one daemon thread shared by all memory
 * stores, so a cache hit pays a field read instead of a clock call (on the VMs we run on a clock
 * call costs 40-90 ns, more than the cache read itself). Time lags by about a millisecond, so
 * entries expire that much late, never early. The thread runs while some store uses it. Public
 * for the near cache ({@code dev.cachify.store.near}), which reads it on its hits too.
 */
public final class CoarseTicker implements Ticker {

  private static final long RESOLUTION_NANOS = 1_000_000;
  private static final CoarseTicker SHARED = new CoarseTicker();

  private volatile long now = System.nanoTime();
  /** The thread that ticks, or null when stopped; a replaced thread sees it is no longer this. */
  private volatile Thread ticking;
  private int users;

  private CoarseTicker() {
  }

  /**
   * The shared ticker, started if it was not running; pair with {@link #release()}.
   *
   * @return the shared ticker
   */
  public static synchronized CoarseTicker acquire() {
    CoarseTicker ticker = SHARED;
    if (ticker.users++ == 0) {
      ticker.start();
    }
    return ticker;
  }

  /** One user fewer; the thread stops with the last one. */
  public static synchronized void release() {
    CoarseTicker ticker = SHARED;
    if (ticker.users > 0 && --ticker.users == 0) {
      ticker.stop();
    }
  }

  @Override
  public long read() {
    long coarse = now;
    // A store used after its close still answers with the right time.
    return ticking != null ? coarse : System.nanoTime();
  }

  private void start() {
    now = System.nanoTime();
    Thread thread = new Thread(this::tick, "cachify-memory-clock");
    thread.setDaemon(true);
    ticking = thread;
    thread.start();
  }

  private void stop() {
    Thread thread = ticking;
    ticking = null;
    LockSupport.unpark(thread);
  }

  private void tick() {
    Thread self = Thread.currentThread();
    while (ticking == self) {
      now = System.nanoTime();
      LockSupport.parkNanos(this, RESOLUTION_NANOS);
    }
  }
}
