package dev.cachify.store.near;

import dev.cachify.store.Store;
import dev.cachify.store.StoreFixture;
import dev.cachify.store.redis.RedisStore;
import dev.cachify.store.redis.RedisStoreOptions;
import dev.cachify.testsupport.ClusterSupport;
import dev.cachify.testsupport.PrivateRedis;
import dev.cachify.testsupport.RedisServerExtension;
import dev.cachify.testsupport.RedisStoreFixture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Two clustered Vert.x nodes in this JVM (Hazelcast on loopback), each with a near cache over a
 * Redis client of its own on the run's private Redis: A and B meet only in Redis and on the
 * cluster's event bus, as two nodes of a deployment do.
 */
public final class NearCacheClusterFixture implements StoreFixture {

  private static final Logger LOG = LoggerFactory.getLogger(NearCacheClusterFixture.class);

  private final PrivateRedis redis;
  private final String clusterName = ClusterSupport.uniqueClusterName("near-cache");
  private final Vertx nodeA;
  private final Vertx nodeB;
  private final NearCacheStore storeA;
  private final NearCacheStore storeB;

  public NearCacheClusterFixture(NearCacheOptions options) {
    long started = System.nanoTime();
    redis = RedisServerExtension.server();
    redis.flushAll();
    nodeA = ClusterSupport.startNode(clusterName);
    try {
      nodeB = ClusterSupport.startNode(clusterName, ClusterSupport.memberAddress(nodeA));
    } catch (RuntimeException e) {
      nodeA.close().await();
      throw e;
    }
    storeA = nearCache(nodeA, options);
    storeB = nearCache(nodeB, options);
    LOG.info("2-node cluster {} with near caches up in {} ms", clusterName, (System.nanoTime() - started) / 1_000_000);
  }

  public NearCacheClusterFixture() {
    this(new NearCacheOptions());
  }

  /** A near cache on {@code node} over a Redis client of its own, warmed up and registered. */
  public NearCacheStore nearCache(Vertx node, NearCacheOptions options) {
    return nearCache(node, options, redisStore -> redisStore);
  }

  /** The same, with the Redis store wrapped by {@code backing} (a test double around the real one). */
  public NearCacheStore nearCache(Vertx node, NearCacheOptions options, Function<RedisStore, Store> backing) {
    RedisStore redisStore = RedisStore.create(node, RedisStoreOptions.fromUrl(redis.url()));
    RedisStoreFixture.warmUp(redisStore);
    NearCacheStore near = NearCacheStore.wrap(node, backing.apply(redisStore), options);
    try {
      near.ready().await(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("near cache did not register within 30 s", e);
    }
    return near;
  }

  /** The cluster's name, for a third node to join. */
  public String clusterName() {
    return clusterName;
  }

  public PrivateRedis redis() {
    return redis;
  }

  @Override
  public String name() {
    return "redis + near cache (2-node cluster)";
  }

  @Override
  public Vertx vertxA() {
    return nodeA;
  }

  @Override
  public Vertx vertxB() {
    return nodeB;
  }

  @Override
  public NearCacheStore storeA() {
    return storeA;
  }

  @Override
  public NearCacheStore storeB() {
    return storeB;
  }

  @Override
  public void close() {
    try {
      Future.join(storeA.close(), storeB.close()).await(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn("near caches did not close within 20 s");
    } finally {
      try {
        nodeB.close().await();
      } finally {
        nodeA.close().await();
      }
    }
  }

  /** A plain Redis store on the same server, outside every near cache: writes it makes are not announced. */
  public Store bypass(Vertx vertx) {
    RedisStore store = RedisStore.create(vertx, RedisStoreOptions.fromUrl(redis.url()));
    RedisStoreFixture.warmUp(store);
    return store;
  }
}
