package dev.cachify.store;

import dev.cachify.store.shareddata.SharedDataStore;
import dev.cachify.testsupport.ClusterSupport;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    storeA = SharedDataStore.create(nodeA);
    storeB = SharedDataStore.create(nodeB);
    LOG.info("2-node cluster {} up in {} ms", clusterName, (System.nanoTime() - started) / 1_000_000);
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
