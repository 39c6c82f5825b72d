package dev.cachify.service.app;

import dev.cachify.service.cluster.ClusterSettings;
import dev.cachify.service.cluster.HazelcastConfigs;
import dev.cachify.service.ops.NodeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * {@code java -jar target/cachify.jar [-cluster] [-conf file.json]}: the Vert.x launcher with
 * {@link MainVerticle} as the node's main verticle. With {@code -cluster} the node joins the
 * Hazelcast cluster that {@code conf/cluster.xml} and the {@code CLUSTER_*} environment describe.
 */
public class Main extends VertxApplication implements VertxApplicationHooks {

  /** Read only with -cluster: a node on its own neither parses nor needs the CLUSTER_* settings. */
  private final ClusterSettings cluster;
  /** What Vert.x and cachify report to, scraped at /metrics. */
  private final PrometheusMeterRegistry registry = NodeMetrics.newRegistry();

  public Main(String[] args) {
    super(args);
    boolean clustered = Arrays.asList(args).contains("-cluster") || Arrays.asList(args).contains("--cluster");
    this.cluster = clustered ? ClusterSettings.fromEnvironment(System.getenv()) : null;
  }

  public static void main(String[] args) {
    new Main(args).launch();
  }

  @Override
  public Supplier<? extends Deployable> verticleSupplier() {
    return () -> new MainVerticle(registry);
  }

  @Override
  public void beforeStartingVertx(HookContext context) {
    if (cluster == null) {
      return;
    }
    EventBusOptions eventBus = context.vertxOptions().getEventBusOptions();
    // -cluster-host / -cluster-public-host on the command line win over the environment.
    if (cluster.host() != null && eventBus.getHost() == null) {
      eventBus.setHost(cluster.host());
    }
    if (cluster.advertisedHost() != null && eventBus.getClusterPublicHost() == null) {
      eventBus.setClusterPublicHost(cluster.advertisedHost());
    }
  }

  @Override
  public VertxBuilder createVertxBuilder(VertxOptions options) {
    VertxBuilder builder = NodeMetrics.withVertxMetrics(Vertx.builder(), options, registry);
    return cluster == null ? builder
      : builder.withClusterManager(new HazelcastClusterManager(HazelcastConfigs.load(cluster)));
  }
}
