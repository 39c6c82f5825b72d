package dev.cachify.service.app;

import dev.cachify.store.Store;
import dev.cachify.store.memory.MemoryStore;
import dev.cachify.store.near.NearCacheOptions;
import dev.cachify.store.near.NearCacheStore;
import dev.cachify.store.redis.RedisStore;
import dev.cachify.store.redis.RedisStoreOptions;
import dev.cachify.store.shareddata.SharedDataStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;

/** Builds the store the configuration names, and checks a remote one answers before use. */
final class StoreFactory {

  private StoreFactory() {
  }

  static Future<Store> create(Vertx vertx, AppConfig config) {
    Future<Store> store = backing(vertx, config);
    if (!config.nearCacheEnabled() || config.store().equals("memory")) {
      return store; // a near cache in front of the memory store would only copy it
    }
    NearCacheOptions near = new NearCacheOptions()
      .setMaxAge(Duration.ofMillis(config.nearCacheMaxAgeMs()))
      .setMaxEntries(config.nearCacheMaxEntries());
    return store.map(backing -> NearCacheStore.wrap(vertx, backing, near));
  }

  private static Future<Store> backing(Vertx vertx, AppConfig config) {
    return switch (config.store()) {
      case "redis" -> {
        RedisStore redis = RedisStore.create(vertx,
          RedisStoreOptions.fromUrl(config.redisUrl()).setCaFile(config.redisCaFile()));
        yield redis.ping().map(pong -> (Store) redis)
          .recover(e -> Future.failedFuture(new IllegalStateException("Redis at " + Redacted.url(config.redisUrl())
            + " does not answer: " + e.getMessage(), e)));
      }
      case "shared-data" -> Future.succeededFuture(SharedDataStore.create(vertx));
      default -> Future.succeededFuture(new MemoryStore());
    };
  }
}
