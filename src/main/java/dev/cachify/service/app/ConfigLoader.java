package dev.cachify.service.app;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Reads the settings once: {@code conf/config.json} (optional), then {@code -conf}, then the environment. */
final class ConfigLoader {

  static final String CONFIG_FILE = "conf/config.json";

  private ConfigLoader() {
  }

  static Future<AppConfig> load(Vertx vertx, JsonObject launcherConfig) {
    ConfigRetriever retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions()
      .setScanPeriod(0)
      .addStore(new ConfigStoreOptions().setType("file").setFormat("json").setOptional(true)
        .setConfig(new JsonObject().put("path", CONFIG_FILE)))
      .addStore(new ConfigStoreOptions().setType("json").setConfig(launcherConfig))
      .addStore(new ConfigStoreOptions().setType("env")
        .setConfig(new JsonObject().put("keys", new JsonArray(AppConfig.KEYS)).put("raw-data", true))));
    return retriever.getConfig()
      .eventually(retriever::close)
      .map(json -> AppConfig.from(json, vertx.isClustered()));
  }
}
