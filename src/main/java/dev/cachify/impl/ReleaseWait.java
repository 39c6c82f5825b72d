package dev.cachify.impl;

import dev.cachify.store.LockWatch;
import dev.cachify.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Waits for a lock that another holder has: the one routine of every waiter (a waiting lock
 * acquisition, a cached load waiting for another process's load). Not thread-bound; waiting is
 * Vert.x timers, never a sleeping thread.
 *
 * <p>The routine: attempt; on a refusal, watch the lock's releases ({@link Store#watchReleases})
 * and retry at once (a release between the attempt and the watch is not missed); then sleep until
 * a release notice wakes it or its timer fires, and retry; until an attempt (or the check before a
 * retry) answers a value, an attempt fails, or the deadline passed. Each retry runs the optional
 * check first (e.g. re-read the entry another process was loading, and stop if it is there).
 * The sleep is the backoff (doubling from its first to its maximum spacing), or, with
 * {@link Builder#sleepingUntilExpiry}, the lock's remaining life when releases are announced (so a
 * dead holder is waited out, nothing more), never past the deadline. The last attempt lands at or
 * after the deadline, never before it; then the wait answers {@link Builder#deadline}'s answer.
 * With {@link Builder#closing}, the instance's close ends the wait at once with its closed error
 * (timer cancelled, watch closed), never leaving a waiter hanging.
 *
 * <pre>{@code
 * Future<Long> fence = ReleaseWait.<Long>forLock(vertx, store, key)
 *     .attempt(() -> store.acquireLock(key, token, ttl))      // null: held, keep waiting
 *     .sleepingUntilExpiry(100, 100)
 *     .deadline(System.nanoTime() + timeout.toNanos(), () -> Future.failedFuture(new CachifyLockException(key)))
 *     .start();
 * }</pre>
 *
 * @param <T> what an attempt answers when the wait is over (a lock handle, a turn to load)
 */
public final class ReleaseWait<T> {

  /** Configures one wait; {@link #start()} begins it. */
  public static final class Builder<T> {

    private final Vertx vertx;
    private final Store store;
    private final String lockKey;
    private Supplier<Future<T>> attempt;
    private Supplier<Future<T>> beforeRetry;
    private long firstBackoffMillis = 100;
    private long maxBackoffMillis = 100;
    private boolean untilExpiry;
    private boolean hasDeadline;
    private long deadlineNanos;
    private Supplier<Future<T>> onDeadline;
    private Lifecycle lifecycle;
    private Consumer<T> discard = value -> {
    };

    private Builder(Vertx vertx, Store store, String lockKey) {
      this.vertx = Objects.requireNonNull(vertx, "vertx");
      this.store = Objects.requireNonNull(store, "store");
      this.lockKey = Objects.requireNonNull(lockKey, "lockKey");
    }

    /**
     * One attempt at the lock: a value ends the wait with it, {@code null} means "still held,
     * keep waiting", a failure ends the wait with it (recover inside to go on instead).
     */
    public Builder<T> attempt(Supplier<Future<T>> attempt) {
      this.attempt = Objects.requireNonNull(attempt, "attempt");
      return this;
    }

    /** Runs before every retry (not before the first attempt): a value ends the wait with it. */
    public Builder<T> beforeRetry(Supplier<Future<T>> check) {
      this.beforeRetry = Objects.requireNonNull(check, "check");
      return this;
    }

    /** Sleeps between retries: the first spacing, doubling after each up to the maximum. */
    public Builder<T> backoff(long firstMillis, long maxMillis) {
      this.firstBackoffMillis = Math.max(1, firstMillis);
      this.maxBackoffMillis = Math.max(this.firstBackoffMillis, maxMillis);
      this.untilExpiry = false;
      return this;
    }

    /**
     * When the store announces releases, sleeps the lock's remaining life (the maximum spacing
     * when the store cannot tell it); otherwise the backoff from {@code firstMillis} to
     * {@code maxMillis}. A waiter that a release notice wakes does not poll at all.
     */
    public Builder<T> sleepingUntilExpiry(long firstMillis, long maxMillis) {
      backoff(firstMillis, maxMillis);
      this.untilExpiry = true;
      return this;
    }

    /**
     * After an attempt refused at or past {@code nanoTime} ({@link System#nanoTime()}), the wait
     * answers {@code answer} instead of retrying. {@code nanoTime} = now: a single attempt. No
     * deadline (the default): wait until the lock is free.
     */
    public Builder<T> deadline(long nanoTime, Supplier<Future<T>> answer) {
      this.hasDeadline = true;
      this.deadlineNanos = nanoTime;
      this.onDeadline = Objects.requireNonNull(answer, "answer");
      return this;
    }

    /**
     * Ends the wait when {@code lifecycle} closes: it fails with the lifecycle's closed error, its
     * timer is cancelled and its watch closed. A wait started after the close fails at once.
     */
    public Builder<T> closing(Lifecycle lifecycle) {
      this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
      return this;
    }

    /** What to do with a value an attempt answers after the wait was closed (e.g. release a lock). */
    public Builder<T> onDiscard(Consumer<T> discard) {
      this.discard = Objects.requireNonNull(discard, "discard");
      return this;
    }

    /** Begins the wait with its first attempt. */
    public Future<T> start() {
      Objects.requireNonNull(attempt, "attempt is required");
      return new ReleaseWait<>(this).begin();
    }
  }

  private final Builder<T> settings;
  private final Promise<T> result = Promise.promise();
  private long backoffMillis;
  private LockWatch watch;
  /** Guarded by this: the sleep's timer, or -1 while an attempt runs. */
  private long timer = -1;
  /** Guarded by this: a release came while an attempt ran. */
  private boolean wokenEarly;
  /** Guarded by this: the wait answered (or was closed); later outcomes are dropped. */
  private boolean finished;
  private Lifecycle.Registration onClose;

  private ReleaseWait(Builder<T> settings) {
    this.settings = settings;
    this.backoffMillis = settings.firstBackoffMillis;
  }

  /** Starts configuring a wait for the lock under {@code lockKey} of {@code store}. */
  public static <T> Builder<T> forLock(Vertx vertx, Store store, String lockKey) {
    return new Builder<>(vertx, store, lockKey);
  }

  private Future<T> begin() {
    if (settings.lifecycle != null) {
      onClose = settings.lifecycle.onClose(() -> abort(settings.lifecycle.closedError()));
      if (onClose == null) {
        return Future.failedFuture(settings.lifecycle.closedError());
      }
    }
    attempt();
    return result.future();
  }

  private void attempt() {
    call(settings.attempt).onComplete(tried -> {
      if (tried.failed() || tried.result() != null) {
        finish(tried);
      } else if (settings.hasDeadline && System.nanoTime() - settings.deadlineNanos >= 0) {
        call(settings.onDeadline).onComplete(this::finish);
      } else if (watch == null) {
        settings.store.watchReleases(settings.lockKey, this::wake).onComplete(registered -> {
          LockWatch registration = registered.succeeded() ? registered.result() : LockWatch.NONE;
          boolean closed;
          synchronized (this) {
            closed = finished;
            watch = registration;
          }
          if (closed) {
            registration.close();
            return;
          }
          retry(); // a release between the attempt and the watch would otherwise go unseen
        });
      } else if (settings.untilExpiry && watch.notifies()) {
        settings.store.lockRemainingMillis(settings.lockKey).onComplete(left -> sleep(
          left.succeeded() && left.result() > 0 ? left.result() : settings.maxBackoffMillis));
      } else {
        long wait = backoffMillis;
        backoffMillis = Math.min(backoffMillis * 2, settings.maxBackoffMillis);
        sleep(wait);
      }
    });
  }

  /** The check (when there is one), then another attempt unless it answered. */
  private void retry() {
    if (isFinished()) {
      return;
    }
    if (settings.beforeRetry == null) {
      attempt();
      return;
    }
    call(settings.beforeRetry).onComplete(checked -> {
      if (checked.failed() || checked.result() != null) {
        finish(checked);
      } else {
        attempt();
      }
    });
  }

  private void sleep(long millis) {
    long delay = Math.max(1, Math.min(millis, remainingMillis()));
    synchronized (this) {
      if (finished) {
        return;
      }
      if (wokenEarly) {
        wokenEarly = false;
        settings.vertx.runOnContext(v -> retry());
        return;
      }
      timer = settings.vertx.setTimer(delay, id -> {
        synchronized (this) {
          timer = -1;
        }
        retry();
      });
    }
  }

  private void wake() {
    synchronized (this) {
      if (finished) {
        return;
      }
      if (timer < 0) {
        wokenEarly = true; // an attempt runs: let its sleep turn into another attempt
        return;
      }
      if (!settings.vertx.cancelTimer(timer)) {
        return; // fired meanwhile
      }
      timer = -1;
    }
    settings.vertx.runOnContext(v -> retry());
  }

  /** Until the deadline, rounded up, so the last attempt lands at or after it, never before. */
  private long remainingMillis() {
    if (!settings.hasDeadline) {
      return Long.MAX_VALUE;
    }
    return (settings.deadlineNanos - System.nanoTime() + 999_999) / 1_000_000;
  }

  private synchronized boolean isFinished() {
    return finished;
  }

  private void finish(io.vertx.core.AsyncResult<T> outcome) {
    LockWatch registration;
    boolean late;
    synchronized (this) {
      late = finished;
      finished = true;
      registration = watch;
    }
    if (late) {
      if (outcome.succeeded() && outcome.result() != null) {
        settings.discard.accept(outcome.result()); // answered after a close: nobody takes it
      }
      return;
    }
    if (registration != null) {
      registration.close();
    }
    if (onClose != null) {
      onClose.remove();
    }
    result.handle(outcome);
  }

  /** Ends the wait with {@code error}: its timer cancelled, its watch closed. */
  private void abort(Throwable error) {
    LockWatch registration;
    synchronized (this) {
      if (finished) {
        return;
      }
      finished = true;
      if (timer >= 0) {
        settings.vertx.cancelTimer(timer);
        timer = -1;
      }
      registration = watch;
    }
    if (registration != null) {
      registration.close();
    }
    result.fail(error);
  }

  /** Runs {@code step}; a thrown exception or a null future fails it instead of escaping. */
  private static <T> Future<T> call(Supplier<Future<T>> step) {
    try {
      Future<T> future = step.get();
      return future != null ? future : Future.failedFuture(new NullPointerException("a wait step returned a null Future"));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
