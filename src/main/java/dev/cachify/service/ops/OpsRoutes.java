package dev.cachify.service.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * {@code GET /metrics} (Prometheus text of the node's registry) and {@code GET /health} (200 when
 * every check is UP, 503 with the failing checks' state otherwise), mounted beside the API.
 */
public final class OpsRoutes {

  private final PrometheusMeterRegistry registry;
  private final HealthChecks health;

  public OpsRoutes(PrometheusMeterRegistry registry, HealthChecks health) {
    this.registry = registry;
    this.health = health;
  }

  public void mount(Router router) {
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    router.get("/health").handler(HealthCheckHandler.createWithHealthChecks(health));
  }
}
