package dev.cachify.store.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VertxException;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Redis} that sends each command on a long-lived connection of the caller's event-loop
 * thread, pipelined, instead of borrowing a pooled connection per command. Measured on two
 * cores, a bare server doing one GET per request ran 2.4 times faster this way (32.6k against
 * 13.7k req/s), since a pooled send pays for the borrow, the return and a thread hop.
 *
 * <p>A connection that fails or closes is forgotten, and the next command opens a new one. When
 * opening fails, Redis counts as down for that thread: commands fail at once, without touching
 * the network, and one command now and then tries again, after a delay that doubles from
 * {@code reconnectDelayMillis} up to {@code reconnectMaxDelayMillis}. So an outage costs neither a
 * connect attempt per command nor a command timeout per caller, and the store is back at most the
 * maximum delay after Redis is. Callers off the event loops (worker threads, plain threads) share
 * one connection.
 *
 * <p>Each owner keeps its pooled connection for good, so there are never more owners than the
 * pool has connections: past that, a new owner shares an existing one, taken in turn (a command
 * on another thread's connection runs on that connection's event loop). Otherwise the owners past
 * the pool's size would wait for a connection that never comes back.
 */
final class PipelinedRedis implements Redis {

  private static final Object OFF_EVENT_LOOP = new Object();

  private final Redis client;
  private final int maxConnections;
  private final long firstDelayMillis;
  private final long maxDelayMillis;
  private final Map<Object, Link> links = new ConcurrentHashMap<>();
  /** Every link made, at most {@code maxConnections}; shared in turn once that many exist. */
  private final List<Link> made = new ArrayList<>();
  private int nextShared;

  /** @param maxConnections the pool's size: never more connections kept than that */
  PipelinedRedis(Redis client, int maxConnections, long firstDelayMillis, long maxDelayMillis) {
    this.client = client;
    this.maxConnections = Math.max(1, maxConnections);
    this.firstDelayMillis = firstDelayMillis;
    this.maxDelayMillis = Math.max(firstDelayMillis, maxDelayMillis);
  }

  @Override
  public Future<Response> send(Request request) {
    boolean onEventLoop = Context.isOnEventLoopThread();
    Future<RedisConnection> connection = connection(onEventLoop);
    // On an event loop whose connection is open (the hot path), the command goes out at once,
    // without a composed future. Other threads keep the composition: it runs the send on the
    // connection's context, so the reply completes there instead of on a context of the caller's.
    return onEventLoop && connection.succeeded() ? connection.result().send(request)
      : connection.compose(open -> open.send(request));
  }

  @Override
  public Future<List<Response>> batch(List<Request> requests) {
    return connection(Context.isOnEventLoopThread()).compose(connection -> connection.batch(requests));
  }

  @Override
  public Future<RedisConnection> connect() {
    return client.connect();
  }

  @Override
  public Future<Void> close() {
    synchronized (this) {
      made.forEach(Link::close);
      made.clear();
    }
    links.clear();
    return client.close();
  }

  private Future<RedisConnection> connection(boolean onEventLoop) {
    // Keyed by event-loop thread, not by context: Vert.x gives every HTTP request a duplicated
    // context of its own, and a connection per request would drain the client's pool.
    Object owner = onEventLoop ? Thread.currentThread() : OFF_EVENT_LOOP;
    Link link = links.get(owner);
    if (link == null) {
      link = links.computeIfAbsent(owner, o -> linkFor());
    }
    return link.connection();
  }

  /** A new link while the pool has room for one more connection; else an existing one, in turn. */
  private synchronized Link linkFor() {
    if (made.size() < maxConnections) {
      Link link = new Link();
      made.add(link);
      return link;
    }
    return made.get(nextShared++ % made.size());
  }

  /** One owner's connection, and while Redis cannot be reached, when to try again. */
  private final class Link {

    /** The open connection, or the first attempt to open one; null while there is neither. */
    private volatile Future<RedisConnection> current;
    // Guarded by this: the outage state, touched only when there is no open connection.
    private Future<RedisConnection> retry;
    private Throwable lastFailure;
    private long retryAtNanos;
    private long delayMillis;

    Future<RedisConnection> connection() {
      Future<RedisConnection> open = current;
      if (open != null) {
        return open; // the hot path: one volatile read
      }
      synchronized (this) {
        if (current != null) {
          return current;
        }
        if (lastFailure == null) {
          // Not known to be down (first use, or the connection just closed): callers wait for it.
          Future<RedisConnection> opening = client.connect();
          current = opening;
          opening.onComplete(result -> opened(opening, result.failed() ? result.cause() : null));
          return opening;
        }
        long waitNanos = retryAtNanos - System.nanoTime();
        if (retry != null || waitNanos > 0) {
          // Down: fail now rather than queue behind a connect that is likely to fail too.
          String when = retry != null ? "an attempt is under way"
            : "next attempt in " + TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999) + " ms";
          return Future.failedFuture(new VertxException("not connected, " + when + " (last failure: "
            + lastFailure.getMessage() + ")", lastFailure, true));
        }
        // Due: this caller waits for the attempt; others meanwhile fail at once.
        Future<RedisConnection> attempt = client.connect();
        retry = attempt;
        attempt.onComplete(result -> opened(attempt, result.failed() ? result.cause() : null));
        return attempt;
      }
    }

    private synchronized void opened(Future<RedisConnection> attempt, Throwable failure) {
      if (retry == attempt) {
        retry = null;
      }
      if (failure != null) {
        if (current == attempt) {
          current = null;
        }
        delayMillis = lastFailure == null ? firstDelayMillis : Math.min(delayMillis * 2, maxDelayMillis);
        lastFailure = failure;
        retryAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
        return;
      }
      RedisConnection connection = attempt.result();
      lastFailure = null;
      delayMillis = 0;
      current = attempt;
      // Redis went away (or the driver gave the connection up): the next command opens another.
      Runnable forget = () -> forget(attempt);
      connection.exceptionHandler(error -> forget.run()).endHandler(end -> forget.run());
    }

    private synchronized void forget(Future<RedisConnection> connection) {
      if (current == connection) {
        current = null;
      }
    }

    synchronized void close() {
      Future<RedisConnection> open = current;
      current = null;
      if (open != null) {
        open.onSuccess(RedisConnection::close);
      }
      if (retry != null) {
        retry.onSuccess(RedisConnection::close);
      }
    }
  }
}
