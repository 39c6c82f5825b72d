package dev.cachify.service.app;

import dev.cachify.Cachify;
import dev.cachify.CachifyOptions;
import dev.cachify.Ttl;
import dev.cachify.service.bridge.BridgeAccess;
import dev.cachify.service.bridge.sockjs.SockJsBridge;
import dev.cachify.service.bridge.tcp.TcpBridgeOptions;
import dev.cachify.service.bridge.tcp.TcpBridgeVerticle;
import dev.cachify.bus.CachifyVerticle;
import dev.cachify.bus.LoaderOptions;
import dev.cachify.metrics.MicrometerCachifyMetrics;
import dev.cachify.metrics.NearCacheMetrics;
import dev.cachify.service.ops.ClusterMembershipLog;
import dev.cachify.service.ops.NodeHealth;
import dev.cachify.service.ops.NodeMetrics;
import dev.cachify.service.ops.OpsRoutes;
import dev.cachify.store.Store;
import dev.cachify.store.near.NearCacheStore;
import dev.cachify.service.users.UserService;
import dev.cachify.service.users.bus.UsersBusVerticle;
import dev.cachify.service.users.data.UserRepositoryOptions;
import dev.cachify.service.users.data.UserRepositoryVerticle;
import dev.cachify.service.users.http.HttpSettings;
import dev.cachify.service.users.http.HttpVerticle;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * One node: reads the configuration, builds the cache store and one {@link Cachify} over it, then
 * deploys what the node's roles ask for: {@code data} (the repository over JDBC), {@code cachify}
 * (the library as an event-bus service) and {@code http} (the API over HTTP, one verticle per
 * event loop, and on the event bus, all sharing one {@link UserService}), and the TCP and SockJS
 * bridges when enabled.
 */
public final class MainVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MainVerticle.class);

  /** Given by {@link Main} when Vert.x reports to it too; otherwise the node makes its own. */
  private final PrometheusMeterRegistry givenRegistry;
  private PrometheusMeterRegistry registry;
  private Store store;
  private Cachify cachify;
  private ClusterMembershipLog membershipLog;

  /** A node whose /metrics shows cachify's figures only (Vert.x's need {@link #MainVerticle(PrometheusMeterRegistry)}). */
  public MainVerticle() {
    this(null);
  }

  /** A node whose /metrics scrapes {@code registry}, the one its Vert.x reports to. */
  public MainVerticle(PrometheusMeterRegistry registry) {
    this.givenRegistry = registry;
  }

  @Override
  public Future<?> start() {
    registry = givenRegistry != null ? givenRegistry : NodeMetrics.newRegistry();
    membershipLog = ClusterMembershipLog.start(vertx);
    return ConfigLoader.load(vertx, config()).compose(config -> StoreFactory.create(vertx, config)
      .compose(created -> {
        store = created;
        if (store instanceof NearCacheStore near) {
          NearCacheMetrics.bind(registry, near);
        }
        cachify = Cachify.create(vertx, new CachifyOptions().setStore(store).setPrefix(config.cachePrefix())
          .setTtlJitter(config.ttlJitterPercent()).setMetrics(new MicrometerCachifyMetrics(registry, store.name()))
          // A cachify.cache.load's load lock outlives its loader request: no second loader meanwhile.
          .setEntryLoadTimeout(Duration.ofMillis(config.loaderTimeoutMs() + 1_000)));
        warnIfStoreIsNodeLocal(config);
        return deployData(config);
      })
      .compose(v -> deployCachify(config))
      .compose(v -> deployHttp(config))
      .compose(v -> deployTcpBridge(config))
      .onSuccess(v -> LOG.info("Node up: {}roles {}, store {}{}, database {}{}",
        vertx.isClustered() ? "clustered, " : "", config.roles(), store.name(),
        config.redisUrl() == null ? "" : " (" + Redacted.url(config.redisUrl()) + ")",
        config.hasRole(AppConfig.ROLE_DATA) ? Redacted.url(config.databaseUrl()) : "served by the cluster's data nodes",
        config.simulatedDelayMs() > 0 ? ", simulated delay " + config.simulatedDelayMs() + " ms" : "")));
  }

  @Override
  public Future<?> stop() {
    if (membershipLog != null) {
      membershipLog.stop();
    }
    return store == null ? Future.succeededFuture() : store.close();
  }

  private Future<Void> deployData(AppConfig config) {
    if (!config.hasRole(AppConfig.ROLE_DATA)) {
      return Future.succeededFuture();
    }
    UserRepositoryOptions options = new UserRepositoryOptions()
      .setDatabaseUrl(config.databaseUrl())
      .setTable(config.usersTable())
      .setSimulatedDelayMs(config.simulatedDelayMs());
    return vertx.deployVerticle(new UserRepositoryVerticle(options)).mapEmpty();
  }

  private Future<Void> deployCachify(AppConfig config) {
    if (!config.hasRole(AppConfig.ROLE_CACHIFY)) {
      return Future.succeededFuture();
    }
    LoaderOptions loaders = new LoaderOptions().setAddressRegex(config.loaderAddresses())
      .setTimeoutMs(config.loaderTimeoutMs());
    return vertx.deployVerticle(new CachifyVerticle(cachify, loaders)).mapEmpty();
  }

  private Future<Void> deployHttp(AppConfig config) {
    if (!config.hasRole(AppConfig.ROLE_HTTP)) {
      return Future.succeededFuture();
    }
    // A node that hosts the repository keeps its requests to itself; a web-only node reaches the
    // data nodes of the cluster (round-robin).
    boolean localData = config.hasRole(AppConfig.ROLE_DATA);
    UserService users = new UserService(vertx, cachify, Ttl.seconds(config.readTtlSeconds()),
      Ttl.seconds(config.updateLockSeconds()), config.requestTimeoutMs(), localData);
    HttpSettings settings = new HttpSettings(config.httpHost(), config.httpPort(), config.bodyLimitBytes());
    OpsRoutes ops = new OpsRoutes(registry, NodeHealth.create(vertx, cachify.store(), true, localData));
    SockJsBridge bridge = config.sockJsBridgeEnabled()
      ? new SockJsBridge(BridgeAccess.publicContracts(config.bridgeToken()), registry) : null;
    return vertx.deployVerticle(new UsersBusVerticle(users))
      .compose(bus -> vertx.deployVerticle(() -> new HttpVerticle(users, settings, ops, bridge),
        new DeploymentOptions().setInstances(config.httpInstances())))
      .onSuccess(id -> LOG.info("HTTP API listening on http://{}:{} ({} event loops); docs at /docs, /metrics, /health;"
        + " the same API on the event bus at users.*{}", config.httpHost(), config.httpPort(), config.httpInstances(),
        bridge == null ? "" : "; SockJS event-bus bridge at " + SockJsBridge.PATH
          + (config.bridgeToken() == null ? "" : " (token required)")))
      .mapEmpty();
  }

  private Future<Void> deployTcpBridge(AppConfig config) {
    if (!config.tcpBridgeEnabled()) {
      return Future.succeededFuture();
    }
    TcpBridgeOptions options = new TcpBridgeOptions().setHost(config.tcpBridgeHost()).setPort(config.tcpBridgePort())
      .setMaxFrameBytes(config.tcpBridgeMaxFrameBytes());
    return vertx.deployVerticle(new TcpBridgeVerticle(options, BridgeAccess.publicContracts(config.bridgeToken()), registry))
      .mapEmpty();
  }

  private void warnIfStoreIsNodeLocal(AppConfig config) {
    if (vertx.isClustered() && config.store().equals("memory")) {
      LOG.warn("CACHIFY_STORE=memory on a clustered node: its cache and locks are its own, not the cluster's; "
        + "use shared-data or redis to share them");
    }
  }
}
