package dev.cachify.store.redis;

import dev.cachify.store.LockWatch;
import dev.cachify.store.impl.ReleaseListeners;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;

/**
 * Release notices over Redis pub/sub: the release script publishes on {@code cachify:released:<key>}
 * (see {@link RedisScripts#RELEASE_LOCK}), and this store's waiters listen on one subscriber
 * connection of their own, subscribed to the channels of the keys they wait for. A dropped
 * connection loses notices until the next watch reconnects it; waiters fall back on the lock's
 * remaining life meanwhile.
 */
final class RedisReleaseWatch {

  static final String CHANNEL_PREFIX = "cachify:released:";
  private static final Logger LOG = LoggerFactory.getLogger(RedisReleaseWatch.class);

  private final Redis client;
  private final ReleaseListeners listeners = new ReleaseListeners();
  /** Guarded by this. */
  private final Set<String> subscribed = new HashSet<>();
  private Future<RedisConnection> connection;

  RedisReleaseWatch(Redis client) {
    this.client = client;
  }

  Future<LockWatch> watch(String key, Runnable onRelease) {
    LockWatch listener = listeners.add(key, onRelease);
    LockWatch watch = new LockWatch() {
      @Override
      public boolean notifies() {
        return true;
      }

      @Override
      public void close() {
        listener.close();
        unsubscribeIfUnwatched(key);
      }
    };
    Future<RedisConnection> current;
    boolean subscribe;
    synchronized (this) {
      current = connection();
      subscribe = subscribed.add(key);
    }
    if (!subscribe) {
      return Future.succeededFuture(watch);
    }
    return current.compose(c -> c.send(Request.cmd(Command.SUBSCRIBE).arg(CHANNEL_PREFIX + key)))
      .map(subscribedReply -> watch)
      .recover(failure -> {
        synchronized (this) {
          subscribed.remove(key);
        }
        listener.close();
        LOG.debug("No release notices for {}: {}", key, failure.getMessage());
        return Future.succeededFuture(LockWatch.NONE);
      });
  }

  /** The last waiter of {@code key} left: stop its channel, so subscriptions do not pile up. */
  private void unsubscribeIfUnwatched(String key) {
    Future<RedisConnection> current;
    synchronized (this) {
      if (listeners.isWatched(key) || !subscribed.remove(key) || connection == null) {
        return;
      }
      current = connection;
    }
    current.onSuccess(c -> c.send(Request.cmd(Command.UNSUBSCRIBE).arg(CHANNEL_PREFIX + key)));
  }

  Future<Void> close() {
    Future<RedisConnection> current;
    synchronized (this) {
      current = connection;
      connection = null;
    }
    return current == null ? client.close()
      : current.transform(c -> c.succeeded() ? c.result().close() : Future.succeededFuture())
        .eventually(client::close);
  }

  private Future<RedisConnection> connection() {
    if (connection == null || connection.failed()) {
      subscribed.clear();
      Future<RedisConnection> opened = client.connect().onSuccess(c -> c
        .handler(this::onMessage)
        .exceptionHandler(error -> dropped(error.getMessage()))
        .endHandler(end -> dropped("connection closed")));
      connection = opened;
    }
    return connection;
  }

  private synchronized void dropped(String why) {
    LOG.debug("Release-notice connection lost ({}); waiters fall back on lock expiry", why);
    connection = null;
    subscribed.clear();
  }

  private void onMessage(Response message) {
    if (message == null || message.size() < 3 || !"message".equals(message.get(0).toString())) {
      return;
    }
    String channel = message.get(1).toString();
    if (channel.startsWith(CHANNEL_PREFIX)) {
      listeners.released(channel.substring(CHANNEL_PREFIX.length()));
    }
  }
}
