package dev.cachify.service.ops;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * The node's one Prometheus registry: Vert.x's own figures (HTTP server, event bus, pools, JVM)
 * through vertx-micrometer-metrics, and cachify's ({@code MicrometerCachifyMetrics}), scraped
 * together at {@code /metrics}.
 */
public final class NodeMetrics {

  private NodeMetrics() {
  }

  public static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /** {@code builder} with Vert.x reporting to {@code registry}; {@code options} must be the builder's. */
  public static VertxBuilder withVertxMetrics(VertxBuilder builder, VertxOptions options, PrometheusMeterRegistry registry) {
    options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true));
    return builder.with(options).withMetrics(new MicrometerMetricsFactory(registry));
  }
}
