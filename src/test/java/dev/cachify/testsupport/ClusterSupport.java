package dev.cachify.testsupport;

import com.hazelcast.cluster.Address;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
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
   * The Hazelcast config of one test member. Starts from what {@link HazelcastClusterManager} would
   * load itself ({@code cluster.xml} or vertx-hazelcast's {@code default-cluster.xml}) so the
   * {@code __vertx.*} map and multimap settings stay, then replaces discovery and naming.
   */
  public static Config hazelcastConfig(String clusterName, List<String> seeds) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(clusterName);
    // A bare IP makes the join scan ports from 5701 (a range such as 5701-5710 fails to parse);
    // seeds given as ip:port are tried exactly, which stays right when other test runs hold ports.
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.tcp.join.port.try.count", "10");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    // Metrics collection is of no use in a test and its collector complains when shut down.
    config.getMetricsConfig().setEnabled(false);

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(5701).setPortAutoIncrement(true).setPortCount(100);
    network.getInterfaces().setEnabled(true).clear().addInterface(LOOPBACK);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getKubernetesConfig().setEnabled(false);
    join.getAwsConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).clear().setMembers(seeds.isEmpty() ? List.of(LOOPBACK) : seeds);
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
