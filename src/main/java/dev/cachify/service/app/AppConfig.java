package dev.cachify.service.app;

import dev.cachify.CachifyOptions;
import dev.cachify.bus.LoaderOptions;
import dev.cachify.service.bridge.BridgeAccess;
import dev.cachify.service.bridge.BridgeToken;
import dev.cachify.service.bridge.tcp.TcpBridgeOptions;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;

/**
 * The node's settings: {@code conf/config.json}, then {@code -conf}, then the environment, under
 * the same names (see {@link #KEYS}). Absent settings take the embedded defaults: SQLite file
 * {@code database.db}, port 8080, and the memory store, or the shared-data store when the node is
 * clustered (so that every node shares one cache and one set of locks).
 */
public record AppConfig(
  String httpHost,
  int httpPort,
  int httpInstances,
  int bodyLimitBytes,
  String databaseUrl,
  String usersTable,
  String store,
  String redisUrl,
  String redisCaFile,
  boolean nearCacheEnabled,
  long nearCacheMaxAgeMs,
  int nearCacheMaxEntries,
  String cachePrefix,
  int ttlJitterPercent,
  long simulatedDelayMs,
  long readTtlSeconds,
  long updateLockSeconds,
  long requestTimeoutMs,
  List<String> roles,
  boolean tcpBridgeEnabled,
  String tcpBridgeHost,
  int tcpBridgePort,
  String loaderAddresses,
  long loaderTimeoutMs,
  int tcpBridgeMaxFrameBytes,
  boolean sockJsBridgeEnabled,
  /** Null when none is set; its toString is {@code ***}, so printing the record shows no secret. */
  BridgeToken bridgeToken) {

  /** Every setting's name, as a JSON key and as an environment variable. */
  public static final List<String> KEYS = List.of("HTTP_HOST", "HTTP_PORT", "HTTP_INSTANCES", "HTTP_BODY_LIMIT_BYTES",
    "DATABASE_URL", "USERS_TABLE", "CACHIFY_STORE", "REDIS_URL", "REDIS_CA_FILE", "NEAR_CACHE_ENABLED", "NEAR_CACHE_MAX_AGE_MS", "NEAR_CACHE_MAX_ENTRIES", "CACHIFY_PREFIX", "CACHIFY_TTL_JITTER_PERCENT", "USERS_SIMULATED_DELAY_MS",
    "USERS_CACHE_TTL_SECONDS", "USERS_UPDATE_LOCK_SECONDS", "USERS_REQUEST_TIMEOUT_MS", "ROLES",
    "TCP_BRIDGE_ENABLED", "TCP_BRIDGE_HOST", "TCP_BRIDGE_PORT", "CACHIFY_LOADER_ADDRESSES", "CACHIFY_LOADER_TIMEOUT_MS",
    "TCP_BRIDGE_MAX_FRAME_BYTES", "SOCKJS_BRIDGE_ENABLED", "BRIDGE_TOKEN");

  public static final String ROLE_HTTP = "http";
  public static final String ROLE_DATA = "data";
  /** Serves the {@code cachify.*} event-bus addresses to other nodes and services. */
  public static final String ROLE_CACHIFY = "cachify";
  private static final List<String> ROLE_NAMES = List.of(ROLE_HTTP, ROLE_DATA, ROLE_CACHIFY);

  /** The settings of a node that is not clustered. */
  public static AppConfig from(JsonObject json) {
    return from(json, false);
  }

  public static AppConfig from(JsonObject json, boolean clustered) {
    String redisUrl = blankToNull(json.getValue("REDIS_URL"));
    String store = blankToNull(json.getValue("CACHIFY_STORE"));
    AppConfig config = new AppConfig(
      json.getString("HTTP_HOST", "0.0.0.0"),
      intOf(json, "HTTP_PORT", 8080),
      intOf(json, "HTTP_INSTANCES", Math.max(1, Runtime.getRuntime().availableProcessors())),
      intOf(json, "HTTP_BODY_LIMIT_BYTES", 16 * 1024),
      json.getString("DATABASE_URL", "jdbc:sqlite:database.db"),
      json.getString("USERS_TABLE", "users"),
      (store != null ? store : redisUrl != null ? "redis" : clustered ? "shared-data" : "memory").toLowerCase(Locale.ROOT),
      redisUrl,
      blankToNull(json.getValue("REDIS_CA_FILE")),
      booleanOf(json, "NEAR_CACHE_ENABLED"),
      longOf(json, "NEAR_CACHE_MAX_AGE_MS", 5_000),
      intOf(json, "NEAR_CACHE_MAX_ENTRIES", 10_000),
      json.getString("CACHIFY_PREFIX", "PYC-"),
      intOf(json, "CACHIFY_TTL_JITTER_PERCENT", 0),
      longOf(json, "USERS_SIMULATED_DELAY_MS", 0),
      longOf(json, "USERS_CACHE_TTL_SECONDS", 300),
      longOf(json, "USERS_UPDATE_LOCK_SECONDS", 30),
      longOf(json, "USERS_REQUEST_TIMEOUT_MS", 30_000),
      List.of(json.getString("ROLES", String.join(",", ROLE_NAMES)).trim().toLowerCase(Locale.ROOT).split("\\s*,\\s*")),
      booleanOf(json, "TCP_BRIDGE_ENABLED"),
      json.getString("TCP_BRIDGE_HOST", "127.0.0.1"),
      intOf(json, "TCP_BRIDGE_PORT", 7000),
      blankToNull(json.getValue("CACHIFY_LOADER_ADDRESSES")),
      longOf(json, "CACHIFY_LOADER_TIMEOUT_MS", LoaderOptions.DEFAULT_TIMEOUT_MS),
      intOf(json, "TCP_BRIDGE_MAX_FRAME_BYTES", TcpBridgeOptions.DEFAULT_MAX_FRAME_BYTES),
      booleanOf(json, "SOCKJS_BRIDGE_ENABLED"),
      tokenOf(json));
    config.check();
    return config;
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  private void check() {
    require(httpPort >= 0 && httpPort <= 65535, "HTTP_PORT must be 0..65535, got " + httpPort);
    require(httpInstances >= 1, "HTTP_INSTANCES must be at least 1, got " + httpInstances);
    require(bodyLimitBytes >= 256, "HTTP_BODY_LIMIT_BYTES must be at least 256, got " + bodyLimitBytes);
    require(List.of("memory", "shared-data", "redis").contains(store),
      "CACHIFY_STORE must be memory, shared-data or redis, got '" + store + "'");
    require(!store.equals("redis") || redisUrl != null, "CACHIFY_STORE=redis needs REDIS_URL");
    require(nearCacheMaxAgeMs >= 1, "NEAR_CACHE_MAX_AGE_MS must be at least 1, got " + nearCacheMaxAgeMs);
    require(nearCacheMaxEntries >= 1, "NEAR_CACHE_MAX_ENTRIES must be at least 1, got " + nearCacheMaxEntries);
    require(ttlJitterPercent >= 0 && ttlJitterPercent <= CachifyOptions.MAX_TTL_JITTER_PERCENT,
      "CACHIFY_TTL_JITTER_PERCENT must be 0.." + CachifyOptions.MAX_TTL_JITTER_PERCENT + ", got " + ttlJitterPercent);
    require(simulatedDelayMs >= 0, "USERS_SIMULATED_DELAY_MS must not be negative");
    require(readTtlSeconds >= 1, "USERS_CACHE_TTL_SECONDS must be at least 1");
    require(updateLockSeconds >= 1, "USERS_UPDATE_LOCK_SECONDS must be at least 1");
    require(requestTimeoutMs >= 1, "USERS_REQUEST_TIMEOUT_MS must be at least 1");
    require(ROLE_NAMES.containsAll(roles), "ROLES must list some of " + ROLE_NAMES + ", got " + roles);
    require(tcpBridgePort >= 0 && tcpBridgePort <= 65535, "TCP_BRIDGE_PORT must be 0..65535, got " + tcpBridgePort);
    require(loaderTimeoutMs >= 1 && loaderTimeoutMs <= LoaderOptions.MAX_TIMEOUT_MS,
      "CACHIFY_LOADER_TIMEOUT_MS must be 1.." + LoaderOptions.MAX_TIMEOUT_MS + ", got " + loaderTimeoutMs);
    try {
      new LoaderOptions().setAddressRegex(loaderAddresses);
    } catch (IllegalArgumentException e) {
      require(false, "CACHIFY_LOADER_ADDRESSES " + e.getMessage());
    }
    require(tcpBridgeMaxFrameBytes >= 256 && tcpBridgeMaxFrameBytes <= 16 * 1024 * 1024,
      "TCP_BRIDGE_MAX_FRAME_BYTES must be 256..16777216, got " + tcpBridgeMaxFrameBytes);
    // A bridge that other hosts can reach admits only clients that know the token.
    requireToken(tcpBridgeEnabled, "TCP_BRIDGE_HOST", tcpBridgeHost);
    requireToken(sockJsBridgeEnabled, "HTTP_HOST", httpHost);
  }

  private void requireToken(boolean enabled, String hostKey, String host) {
    require(!enabled || bridgeToken != null || BridgeAccess.isLoopback(host), "BRIDGE_TOKEN is required: "
      + hostKey + "=" + host + " is not loopback, so the bridge is reachable from other hosts (set a BRIDGE_TOKEN "
      + "of at least " + BridgeToken.MIN_LENGTH + " characters, or bind to 127.0.0.1)");
  }

  private static BridgeToken tokenOf(JsonObject json) {
    Object value = json.getValue("BRIDGE_TOKEN");
    if (value == null || value.toString().isEmpty()) {
      return null;
    }
    try {
      return BridgeToken.of(value.toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid configuration: " + e.getMessage());
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("invalid configuration: " + message);
    }
  }

  // Environment values arrive as strings or numbers depending on the source: accept both.
  private static int intOf(JsonObject json, String key, int fallback) {
    return (int) longOf(json, key, fallback);
  }

  private static long longOf(JsonObject json, String key, long fallback) {
    Object value = json.getValue(key);
    if (value == null || value.toString().isBlank()) {
      return fallback;
    }
    if (value instanceof Number number) {
      return number.longValue();
    }
    try {
      return Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid configuration: " + key + " must be a whole number, got '"
        + value + "'");
    }
  }

  private static boolean booleanOf(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value == null || value.toString().isBlank()) {
      return false;
    }
    return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new IllegalArgumentException("invalid configuration: " + key + " must be true or false, got '"
        + value + "'");
    };
  }

  private static String blankToNull(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
