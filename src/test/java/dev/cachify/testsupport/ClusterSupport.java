package dev.cachify.testsupport;

import com.hazelcast.cluster.Address;
import com.hazelcast.config.Config;
import dev.cachify.service.cluster.ClusterSettings;
import dev.cachify.service.cluster.HazelcastConfigs;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.List;
import java.util.UUID;

/**
 * Clustered Vert.x nodes for tests: Hazelcast on loopback only, joined by TCP-IP, in a cluster of
 * their own, starting without the default join wait.
 */
public final class ClusterSupport {

  private static final String LOOPBACK = "127.0.0.1";

  static {
    // Hazelcast picks its logger before reading any Config: route it to SLF4J from the start.
    System.setProperty("hazelcast.logging.type", "slf4j");
  }

  private ClusterSupport() {
  }

  /** A cluster name no other test run (or developer's cluster) shares. */
  public static String uniqueClusterName(String purpose) {
    return "cachify-test-" + purpose + "-" + UUID.randomUUID();
  }

  /**
   * The Hazelcast config of one test member: the project's {@code conf/cluster.xml} (on the test
   * class path: TCP-IP on loopback, no join wait) with the cluster name and seeds set the way a
   * node's {@code CLUSTER_*} environment sets them. Seeds given as {@code ip:port} are tried
   * exactly, which stays right when other test runs hold ports.
   */
  public static Config hazelcastConfig(String clusterName, List<String> seeds) {
    Config config = HazelcastConfigs.apply(ConfigUtil.loadConfig(),
      new ClusterSettings(clusterName, seeds.isEmpty() ? List.of(LOOPBACK) : seeds, LOOPBACK, null, null));
    if (!config.getProperties().containsKey("hazelcast.wait.seconds.before.join")) {
      throw new IllegalStateException("cluster.xml from conf/ is not on the test class path: " + config.getConfigurationUrl());
    }
    return config;
  }

  /**
   * Starts one clustered Vert.x node of {@code clusterName}, joining through {@code seeds}
   * ({@code ip:port} of members already up; none for the first node); blocks until it has joined.
   */
  public static Vertx startNode(String clusterName, String... seeds) {
    HazelcastClusterManager clusterManager = new HazelcastClusterManager(hazelcastConfig(clusterName, List.of(seeds)));
    VertxOptions options = new VertxOptions()
      .setEventBusOptions(new EventBusOptions().setHost(LOOPBACK).setClusterPublicHost(LOOPBACK));
    return Vertx.builder().with(options).withClusterManager(clusterManager).buildClustered().await();
  }

  /** The {@code ip:port} other members join {@code node} by. */
  public static String memberAddress(Vertx node) {
    HazelcastClusterManager clusterManager = (HazelcastClusterManager) ((VertxInternal) node).clusterManager();
    Address address = clusterManager.getHazelcastInstance().getCluster().getLocalMember().getAddress();
    return address.getHost() + ":" + address.getPort();
  }
}
