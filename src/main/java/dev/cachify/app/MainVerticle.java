package dev.cachify.app;

import dev.cachify.Cachify;
import dev.cachify.CachifyOptions;
import dev.cachify.Ttl;
import dev.cachify.store.Store;
import dev.cachify.users.UserService;
import dev.cachify.users.data.UserRepositoryOptions;
import dev.cachify.users.data.UserRepositoryVerticle;
import dev.cachify.users.http.HttpSettings;
import dev.cachify.users.http.HttpVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node: reads the configuration, builds the cache store, then deploys what the node's roles
 * ask for: {@code data} (the repository over JDBC) and {@code http} (the API, one verticle per
 * event loop, sharing one {@link UserService} and so one cache).
 */
public final class MainVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MainVerticle.class);

  private Store store;

  @Override
  public Future<?> start() {
    return ConfigLoader.load(vertx, config()).compose(config -> StoreFactory.create(vertx, config)
      .compose(created -> {
        store = created;
        return deployData(config);
      })
      .compose(v -> deployHttp(config))
      .onSuccess(v -> LOG.info("Node up: roles {}, store {}{}, database {}{}", config.roles(), config.store(),
        config.redisUrl() == null ? "" : " (" + Redacted.url(config.redisUrl()) + ")",
        Redacted.url(config.databaseUrl()),
        config.simulatedDelayMs() > 0 ? ", simulated delay " + config.simulatedDelayMs() + " ms" : "")));
  }

  @Override
  public Future<?> stop() {
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

  private Future<Void> deployHttp(AppConfig config) {
    if (!config.hasRole(AppConfig.ROLE_HTTP)) {
      return Future.succeededFuture();
    }
    Cachify cachify = Cachify.create(vertx, new CachifyOptions().setStore(store).setPrefix(config.cachePrefix()));
    UserService users = new UserService(vertx, cachify, Ttl.seconds(config.readTtlSeconds()),
      Ttl.seconds(config.updateLockSeconds()), config.requestTimeoutMs());
    HttpSettings settings = new HttpSettings(config.httpHost(), config.httpPort(), config.bodyLimitBytes());
    return vertx.deployVerticle(() -> new HttpVerticle(users, settings),
        new DeploymentOptions().setInstances(config.httpInstances()))
      .onSuccess(id -> LOG.info("HTTP API listening on http://{}:{} ({} event loops); docs at /docs",
        config.httpHost(), config.httpPort(), config.httpInstances()))
      .mapEmpty();
  }
}
