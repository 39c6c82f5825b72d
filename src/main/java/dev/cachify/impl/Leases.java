package dev.cachify.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@code Cachify} instance holds on its store for work in this process (renewed lock
 * leases, the locks and pool slots of running scopes and wrappers), and the one timer that renews
 * them and watches their expiries. However many locks it holds, there is one timer, not one per
 * lock; {@link #close()} stops it and has every holding release what it holds.
 *
 * <p>Each holding schedules its next run within a window {@code [runAfter, runBy]} (a renewal may
 * come early, never late). The timer fires at the earliest {@code runBy}, and that tick runs every
 * holding whose window has opened, so renewals of locks taken at different moments share ticks:
 * with renewals due every third of a lease and windows of a sixth, a tick renews everything due
 * within the next sixth, and the instance ticks about twice per renewal period whatever the number
 * of locks.
 *
 * <p>The timer runs on an event-loop context of its own, so no verticle's undeployment cancels
 * it; holdings run there, one at a time.
 */
public final class Leases {

  private static final Logger LOG = LoggerFactory.getLogger(Leases.class);

  /** Something held on the store: a lease to renew, an expiry to watch, a slot to free at close. */
  public interface Holder {

    /**
     * Its window opened: renew, check, or let go; to run again, it schedules its lease again.
     * Runs on the scheduler's context, never twice at once for one holding.
     */
    default void due(Lease lease) {
    }

    /**
     * The instance closes: stop, and release (owner-only) what it holds; best effort, so the
     * future's failure is only logged.
     */
    Future<?> close();
  }

  /** One holding's registration; {@link #end()} it when the thing is no longer held. */
  public final class Lease {

    private final Holder holder;
    private final long seq;
    /** Guarded by Leases.this. */
    private long runAfter;
    private long runBy;
    private boolean queued;
    private boolean ended;

    private Lease(Holder holder, long seq) {
      this.holder = holder;
      this.seq = seq;
    }

    /**
     * Runs the holder's {@link Holder#due} once, at a tick between {@code runAfterNanos} and
     * {@code runByNanos} ({@link System#nanoTime()}); replaces an earlier schedule.
     */
    public void schedule(long runAfterNanos, long runByNanos) {
      synchronized (Leases.this) {
        if (ended) {
          return;
        }
        if (queued) {
          queue.remove(this);
        }
        runBy = runByNanos;
        runAfter = runAfterNanos - runByNanos > 0 ? runByNanos : runAfterNanos;
        maxWindowNanos = Math.max(maxWindowNanos, runBy - runAfter);
        queue.add(this);
        queued = true;
        arm();
      }
    }

    /** Drops the pending run, if any; the lease stays registered. */
    public void unschedule() {
      synchronized (Leases.this) {
        dequeue();
      }
    }

    /** No longer held (released, lost, expired): never runs again. Ending twice is harmless. */
    public void end() {
      synchronized (Leases.this) {
        dequeue();
        ended = true;
        held.remove(this);
      }
    }

    private void dequeue() {
      if (queued) {
        queue.remove(this);
        queued = false;
        if (queue.isEmpty()) {
          disarm();
        }
      }
    }
  }

  private static final Comparator<Lease> BY_RUN_BY = (a, b) -> {
    int byTime = Long.compare(a.runBy - b.runBy, 0);
    return byTime != 0 ? byTime : Long.compare(a.seq, b.seq);
  };

  private final Vertx vertx;
  private final Context context;
  /** Guarded by this: the scheduled leases, earliest {@code runBy} first. */
  private final TreeSet<Lease> queue = new TreeSet<>(BY_RUN_BY);
  /** Guarded by this: every registered lease not yet ended, scheduled or not. */
  private final Set<Lease> held = new HashSet<>();
  private boolean closed;
  /** Guarded by this: the widest window scheduled so far, how far past now a tick looks. */
  private long maxWindowNanos;
  private long nextSeq;
  /** Guarded by this: the armed timer, or -1. */
  private long timerId = -1;
  private long timerAtNanos;
  private long timersSet;
  private final Handler<Long> onTimer = this::tick;

  public Leases(Vertx vertx) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    // Not the caller's context: a timer set from a verticle's context dies with its deployment.
    this.context = vertx instanceof VertxInternal internal ? internal.createEventLoopContext() : vertx.getOrCreateContext();
  }

  /**
   * Registers a holding: its {@link Holder#close()} runs when the instance closes, its
   * {@link Holder#due} when it schedules itself ({@link Lease#schedule}).
   *
   * @return its registration; {@code null} once closed (the caller then releases what it took)
   */
  public Lease hold(Holder holder) {
    Objects.requireNonNull(holder, "holder");
    synchronized (this) {
      if (closed) {
        return null;
      }
      Lease lease = new Lease(holder, nextSeq++);
      held.add(lease);
      return lease;
    }
  }

  /**
   * Stops the timer and has every holding release what it holds ({@link Holder#close()}), at
   * once and together; later {@link #hold} calls answer {@code null}.
   *
   * @return how many holdings there were, once each has released or failed to
   */
  public Future<Integer> close() {
    List<Lease> all;
    synchronized (this) {
      if (closed) {
        return Future.succeededFuture(0);
      }
      closed = true;
      disarm();
      queue.clear();
      all = new ArrayList<>(held);
      held.clear();
      for (Lease lease : all) {
        lease.queued = false;
        lease.ended = true;
      }
    }
    List<Future<?>> releases = new ArrayList<>(all.size());
    for (Lease lease : all) {
      Future<?> released;
      try {
        released = lease.holder.close();
      } catch (RuntimeException e) {
        released = Future.failedFuture(e);
      }
      releases.add(released.onFailure(e -> LOG.debug("A holding could not release at close; it expires by itself: {}",
        e.getMessage())));
    }
    if (!all.isEmpty()) {
      LOG.debug("Closing: releasing {} locks and pool slots held for work in this process", all.size());
    }
    return Future.join(releases).transform(done -> Future.succeededFuture(all.size()));
  }

  /** How many holdings are registered (released at close). */
  public synchronized int held() {
    return held.size();
  }

  /** How many timers this scheduler has set so far: a test's window onto "one timer, not N". */
  public synchronized long timersSet() {
    return timersSet;
  }

  /** How many holdings wait for a tick. */
  public synchronized int scheduled() {
    return queue.size();
  }

  /** Guarded by this: makes sure a timer fires by the first lease's {@code runBy}. */
  private void arm() {
    Lease first = queue.first();
    // Timers count in whole milliseconds (rounded up): one armed for about this time will do.
    if (timerId >= 0 && timerAtNanos - first.runBy <= 1_000_000) {
      return;
    }
    disarm();
    long now = System.nanoTime();
    long delayMillis = Math.max(1, (first.runBy - now + 999_999) / 1_000_000);
    timerAtNanos = now + delayMillis * 1_000_000;
    timerId = context instanceof ContextInternal internal
      ? internal.setTimer(delayMillis, onTimer)
      : vertx.setTimer(delayMillis, onTimer);
    timersSet++;
  }

  /** Guarded by this. */
  private void disarm() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  private void tick(long id) {
    List<Lease> due = new ArrayList<>();
    synchronized (this) {
      if (id != timerId) {
        return; // a timer replaced by an earlier one, that fired before it was cancelled
      }
      timerId = -1;
      long now = System.nanoTime();
      for (Iterator<Lease> it = queue.iterator(); it.hasNext(); ) {
        Lease lease = it.next();
        if (lease.runBy - now > maxWindowNanos) {
          break; // nothing later can have opened yet
        }
        if (lease.runAfter - now <= 0) {
          it.remove();
          lease.queued = false;
          due.add(lease);
        }
      }
      if (!queue.isEmpty()) {
        arm();
      }
    }
    for (Lease lease : due) {
      try {
        lease.holder.due(lease);
      } catch (RuntimeException e) {
        LOG.warn("A held lease's scheduled run failed; it runs no more", e);
        lease.end();
      }
    }
  }
}
