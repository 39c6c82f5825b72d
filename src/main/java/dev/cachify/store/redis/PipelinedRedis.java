package dev.cachify.store.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Redis} that sends each command on a long-lived connection of the caller's event-loop
 * thread, pipelined, instead of borrowing a pooled connection per command. Measured on two
 * cores, a bare server doing one GET per request ran 2.4 times faster this way (32.6k against
 * 13.7k req/s), since a pooled send pays for the borrow, the return and a thread hop.
 *
 * <p>A connection that fails or closes is forgotten, and the next command on that context opens a
 * new one: the store recovers by itself when Redis comes back. Callers off the event loops
 * (worker threads, plain threads) share one connection.
 */
final class PipelinedRedis implements Redis {

  private static final Object OFF_EVENT_LOOP = new Object();

  private final Redis client;
  private final Map<Object, Future<RedisConnection>> connections = new ConcurrentHashMap<>();

  PipelinedRedis(Redis client) {
    this.client = client;
  }

  @Override
  public Future<Response> send(Request request) {
    return connection().compose(connection -> connection.send(request));
  }

  @Override
  public Future<List<Response>> batch(List<Request> requests) {
    return connection().compose(connection -> connection.batch(requests));
  }

  @Override
  public Future<RedisConnection> connect() {
    return client.connect();
  }

  @Override
  public Future<Void> close() {
    connections.values().forEach(connection -> connection.onSuccess(RedisConnection::close));
    connections.clear();
    return client.close();
  }

  private Future<RedisConnection> connection() {
    // Keyed by event-loop thread, not by context: Vert.x gives every HTTP request a duplicated
    // context of its own, and a connection per request would drain the client's pool.
    Object owner = Context.isOnEventLoopThread() ? Thread.currentThread() : OFF_EVENT_LOOP;
    Future<RedisConnection> existing = connections.get(owner);
    if (existing != null && !existing.failed()) {
      return existing;
    }
    Future<RedisConnection> opened = client.connect();
    Future<RedisConnection> winner = existing == null
      ? connections.putIfAbsent(owner, opened)
      : connections.replace(owner, existing, opened) ? null : connections.get(owner);
    if (winner != null) {
      opened.onSuccess(RedisConnection::close); // another caller on this context opened one first
      return winner;
    }
    opened.onComplete(result -> {
      if (result.failed()) {
        connections.remove(owner, opened);
      } else {
        Runnable forget = () -> connections.remove(owner, opened);
        result.result().exceptionHandler(error -> forget.run()).endHandler(end -> forget.run());
      }
    });
    return opened;
  }
}
