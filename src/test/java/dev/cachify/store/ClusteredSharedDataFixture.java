package dev.cachify.store;

import dev.cachify.store.shareddata.SharedDataStore;
import dev.cachify.store.shareddata.SharedDataStoreOptions;
import dev.cachify.testsupport.ClusterSupport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.UUID;

/**
 * Two clustered Vert.x nodes in this JVM joined by Hazelcast on loopback, each with its own store:
 * A and B talk to each other only through the cluster.
 */
public final class ClusteredSharedDataFixture implements StoreFixture {

  private static final Logger LOG = LoggerFactory.getLogger(ClusteredSharedDataFixture.class);

  private final Vertx nodeA;
  private final Vertx nodeB;
  private final SharedDataStore storeA;
  private final SharedDataStore storeB;

  public ClusteredSharedDataFixture() {
    long started = System.nanoTime();
    String clusterName = ClusterSupport.uniqueClusterName("store-contract");
    nodeA = ClusterSupport.startNode(clusterName);
    try {
      nodeB = ClusterSupport.startNode(clusterName, ClusterSupport.memberAddress(nodeA));
    } catch (RuntimeException e) {
      nodeA.close().await();
      throw e;
    }
    // A 2-core CI box running two Hazelcast members and the tests can stall a first call for
    // seconds (class loading, the first entry processor): a wider bound, and a warm-up of every
    // kind of call on both nodes, keep the contract about semantics rather than cold starts.
    SharedDataStoreOptions options = new SharedDataStoreOptions().setTimeoutMillis(10_000);
    storeA = SharedDataStore.create(nodeA, options);
    storeB = SharedDataStore.create(nodeB, options);
    warmUp(storeA);
    warmUp(storeB);
    LOG.info("2-node cluster {} up in {} ms", clusterName, (System.nanoTime() - started) / 1_000_000);
  }

  private static void warmUp(Store store) {
    String key = "warm-up-" + UUID.randomUUID();
    Buffer value = Buffer.buffer("v");
    Future.succeededFuture()
      .compose(v -> store.set(key, value, Duration.ofSeconds(5)))
      .compose(v -> store.compareAndSet(key, value, value, Duration.ofSeconds(5)))
      .compose(v -> store.get(key))
      .compose(v -> store.delete(key))
      .compose(v -> store.acquireLock(key, "t", Duration.ofSeconds(5)))
      .compose(v -> store.extendLock(key, "t", Duration.ofSeconds(5)))
      .compose(v -> store.releaseLock(key, "t"))
      .compose(v -> store.acquireSlot(key + "-pool", "t", 1, Duration.ofSeconds(5)))
      .compose(slot -> store.releaseSlot(key + "-pool", slot))
      .await();
  }

  @Override
  public String name() {
    return "shared-data (2-node cluster)";
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
  public Store storeA() {
    return storeA;
  }

  @Override
  public Store storeB() {
    return storeB;
  }

  @Override
  public void close() {
    long started = System.nanoTime();
    storeA.close().await();
    storeB.close().await();
    try {
      nodeB.close().await();
    } finally {
      nodeA.close().await();
    }
    LOG.info("2-node cluster down in {} ms", (System.nanoTime() - started) / 1_000_000);
  }
}
