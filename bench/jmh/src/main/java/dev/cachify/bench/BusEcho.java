package dev.cachify.bench;

import dev.cachify.service.cluster.ClusterSettings;
import dev.cachify.service.cluster.HazelcastConfigs;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.concurrent.TimeUnit;

/**
 * The bare event-bus anchor of {@code bench/bus.sh}: a clustered JVM whose only consumer,
 * {@value #ADDRESS}, answers each message with its own body. A request to it from the load JVM is
 * the clustered event bus's round trip and nothing else, what every bus operation pays on top of
 * its own work. Runs until killed.
 *
 * <pre>
 * CLUSTER_NAME=bench java -cp benchmarks.jar dev.cachify.bench.BusEcho
 * </pre>
 */
public final class BusEcho {

  static final String ADDRESS = "bench.echo";

  private BusEcho() {
  }

  public static void main(String[] args) throws Exception {
    HazelcastClusterManager manager = new HazelcastClusterManager(
      HazelcastConfigs.load(ClusterSettings.fromEnvironment(System.getenv())));
    Vertx vertx = Vertx.builder().withClusterManager(manager).buildClustered().await(60, TimeUnit.SECONDS);
    vertx.eventBus().consumer(ADDRESS, message -> message.reply(message.body())).completion().await(30, TimeUnit.SECONDS);
    System.out.println("echoing on " + ADDRESS);
  }
}
