package dev.cachify.store.redis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of a {@link RedisStore}: where Redis is, how it is deployed, and how long a call may
 * take. Connection strings follow vertx-redis-client: {@code redis://host:port/db},
 * {@code redis://:secret@host:port}, {@code redis://user:secret@host}, {@code rediss://...} for TLS.
 * A password with reserved characters ({@code @ : / # %}) is percent-encoded in the URL.
 *
 * <p>{@code rediss://} endpoints check the server's certificate against the JVM's trusted
 * authorities, or against {@link #setCaFile(String) caFile}, and check that it names the URL's host.
 *
 * <pre>{@code
 * // TLS to a server whose certificate a private CA signed.
 * RedisStoreOptions.fromUrl("rediss://:secret@redis.internal:6380").setCaFile("/etc/cachify/redis-ca.pem");
 *
 * // Three sentinels watching the master "cache"; calls give up after 500 ms.
 * new RedisStoreOptions()
 *   .setType(RedisClientType.SENTINEL)
 *   .setMasterName("cache")
 *   .setEndpoints(List.of("redis://s1:26379", "redis://s2:26379", "redis://s3:26379"))
 *   .setCommandTimeoutMillis(500);
 * }</pre>
 */
public class RedisStoreOptions {

  /** Default endpoint: {@value}. */
  public static final String DEFAULT_ENDPOINT = "redis://localhost:6379";
  /** Default deployment: a single server. */
  public static final RedisClientType DEFAULT_TYPE = RedisClientType.STANDALONE;
  /** Default bound on one store call, connection included: 2000 ms. */
  public static final long DEFAULT_COMMAND_TIMEOUT_MILLIS = 2_000;
  /** Default bound on opening a TCP connection: {@value} ms. */
  public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 1_000;
  /** Default connections per server endpoint: {@value} (vertx-redis-client's default). */
  public static final int DEFAULT_MAX_POOL_SIZE = 6;
  /**
   * Default requests that may wait for a pooled connection: {@value}. Larger than the driver's 24
   * so that waiting threads queue instead of failing; each call is still bounded by the command
   * timeout.
   */
  public static final int DEFAULT_MAX_POOL_WAITING = 1_024;
  /** Default wait before reconnecting after a failed connect: 50 ms; it doubles on each failure. */
  public static final long DEFAULT_RECONNECT_DELAY_MILLIS = 50;
  /**
   * Default bound on that wait: 500 ms, so the store is back at most this long after Redis
   * is (plus the connect itself).
   */
  public static final long DEFAULT_RECONNECT_MAX_DELAY_MILLIS = 500;

  private List<String> endpoints = new ArrayList<>(List.of(DEFAULT_ENDPOINT));
  private RedisClientType type = DEFAULT_TYPE;
  private String masterName;
  private String password;
  private String caFile;
  private long commandTimeoutMillis = DEFAULT_COMMAND_TIMEOUT_MILLIS;
  private int connectTimeoutMillis = DEFAULT_CONNECT_TIMEOUT_MILLIS;
  private int maxPoolSize = DEFAULT_MAX_POOL_SIZE;
  private int maxPoolWaiting = DEFAULT_MAX_POOL_WAITING;
  private long reconnectDelayMillis = DEFAULT_RECONNECT_DELAY_MILLIS;
  private long reconnectMaxDelayMillis = DEFAULT_RECONNECT_MAX_DELAY_MILLIS;

  /** The defaults: a standalone Redis at {@value #DEFAULT_ENDPOINT}, a 2 s command timeout. */
  public RedisStoreOptions() {
  }

  /**
   * A copy of {@code other}.
   *
   * @param other the options to copy
   */
  public RedisStoreOptions(RedisStoreOptions other) {
    this.endpoints = new ArrayList<>(other.endpoints);
    this.type = other.type;
    this.masterName = other.masterName;
    this.password = other.password;
    this.caFile = other.caFile;
    this.commandTimeoutMillis = other.commandTimeoutMillis;
    this.connectTimeoutMillis = other.connectTimeoutMillis;
    this.maxPoolSize = other.maxPoolSize;
    this.maxPoolWaiting = other.maxPoolWaiting;
    this.reconnectDelayMillis = other.reconnectDelayMillis;
    this.reconnectMaxDelayMillis = other.reconnectMaxDelayMillis;
  }

  /**
   * Reads {@code endpoints} (array) or {@code connectionString}, {@code type}
   * ({@code standalone | sentinel | cluster}), {@code masterName}, {@code password},
   * {@code caFile}, {@code commandTimeoutMillis}, {@code connectTimeoutMillis}, {@code maxPoolSize},
   * {@code maxPoolWaiting}, {@code reconnectDelayMillis}, {@code reconnectMaxDelayMillis}; absent
   * keys keep their defaults.
   *
   * @param json the settings, as {@link #toJson()} writes them
   * @throws IllegalArgumentException when a value is out of range or {@code type} is unknown
   */
  public RedisStoreOptions(JsonObject json) {
    JsonArray list = json.getJsonArray("endpoints");
    if (list != null) {
      List<String> read = new ArrayList<>();
      list.forEach(endpoint -> read.add(String.valueOf(endpoint)));
      setEndpoints(read);
    } else if (json.getString("connectionString") != null) {
      setConnectionString(json.getString("connectionString"));
    }
    if (json.getString("type") != null) {
      setType(RedisClientType.valueOf(json.getString("type").toUpperCase(Locale.ROOT)));
    }
    masterName = json.getString("masterName");
    password = json.getString("password");
    caFile = json.getString("caFile");
    setCommandTimeoutMillis(json.getLong("commandTimeoutMillis", DEFAULT_COMMAND_TIMEOUT_MILLIS));
    setConnectTimeoutMillis(json.getInteger("connectTimeoutMillis", DEFAULT_CONNECT_TIMEOUT_MILLIS));
    setMaxPoolSize(json.getInteger("maxPoolSize", DEFAULT_MAX_POOL_SIZE));
    setMaxPoolWaiting(json.getInteger("maxPoolWaiting", DEFAULT_MAX_POOL_WAITING));
    setReconnectDelayMillis(json.getLong("reconnectDelayMillis", DEFAULT_RECONNECT_DELAY_MILLIS));
    setReconnectMaxDelayMillis(json.getLong("reconnectMaxDelayMillis", DEFAULT_RECONNECT_MAX_DELAY_MILLIS));
  }

  /**
   * A standalone server at {@code url}, other settings at their defaults (e.g. {@code REDIS_URL}).
   *
   * @param url {@code redis://[[user]:password@]host[:port][/db]}, or {@code rediss://} for TLS
   * @return the options
   * @throws NullPointerException when {@code url} is {@code null}
   */
  public static RedisStoreOptions fromUrl(String url) {
    return new RedisStoreOptions().setConnectionString(url);
  }

  /**
   * The servers to connect to; default {@value #DEFAULT_ENDPOINT}. Standalone uses the first;
   * sentinel lists sentinels; cluster lists seed nodes.
   *
   * @return the endpoints (the list itself, not a copy)
   */
  public List<String> getEndpoints() {
    return endpoints;
  }

  /**
   * Sets the servers to connect to (see {@link #getEndpoints()}); default
   * {@value #DEFAULT_ENDPOINT}. URLs are checked when the store is created.
   *
   * @param endpoints connection strings, at least one; the list is copied
   * @return these options
   * @throws NullPointerException     when the list or an endpoint is {@code null}
   * @throws IllegalArgumentException when the list is empty
   */
  public RedisStoreOptions setEndpoints(List<String> endpoints) {
    Objects.requireNonNull(endpoints, "endpoints");
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("endpoints must not be empty");
    }
    endpoints.forEach(endpoint -> Objects.requireNonNull(endpoint, "endpoint"));
    this.endpoints = new ArrayList<>(endpoints);
    return this;
  }

  /**
   * Replaces the endpoints with one connection string; default {@value #DEFAULT_ENDPOINT}.
   *
   * @param connectionString e.g. {@code redis://:secret@host:6379/0}
   * @return these options
   * @throws NullPointerException when {@code connectionString} is {@code null}
   */
  public RedisStoreOptions setConnectionString(String connectionString) {
    return setEndpoints(List.of(Objects.requireNonNull(connectionString, "connectionString")));
  }

  /**
   * Standalone, sentinel or cluster; default {@link #DEFAULT_TYPE}.
   *
   * @return how Redis is deployed
   */
  public RedisClientType getType() {
    return type;
  }

  /**
   * Sets how Redis is deployed; default {@code STANDALONE}. With {@code CLUSTER} each lock's keys
   * are kept in one hash slot.
   *
   * @param type {@code STANDALONE}, {@code SENTINEL} or {@code CLUSTER}
   * @return these options
   * @throws NullPointerException when {@code type} is {@code null}
   */
  public RedisStoreOptions setType(RedisClientType type) {
    this.type = Objects.requireNonNull(type, "type");
    return this;
  }

  /**
   * The master the sentinels watch (sentinel only); default {@code null}: the driver's {@code mymaster}.
   *
   * @return the master's name, or {@code null}
   */
  public String getMasterName() {
    return masterName;
  }

  /**
   * Sets the master the sentinels watch (sentinel only); default {@code null}: the driver's
   * {@code mymaster}. The store always talks to the master.
   *
   * @param masterName the name the sentinels know the master by, or {@code null}
   * @return these options
   */
  public RedisStoreOptions setMasterName(String masterName) {
    this.masterName = masterName;
    return this;
  }

  /**
   * A password for endpoints whose connection string has none (handy for cluster and sentinel);
   * default {@code null}. A password in the connection string wins.
   *
   * @return the password, or {@code null}
   */
  public String getPassword() {
    return password;
  }

  /**
   * Sets a password for endpoints whose connection string has none; default {@code null}. It
   * appears in {@link #toJson()}: do not log that.
   *
   * @param password the password, or {@code null}
   * @return these options
   */
  public RedisStoreOptions setPassword(String password) {
    this.password = password;
    return this;
  }

  /**
   * A PEM file of the certificate authorities that {@code rediss://} endpoints' certificates must
   * chain to, for a server whose certificate a private CA signed; default {@code null}: the JVM's
   * trusted authorities. Read when the first connection opens; an unreadable file fails the call.
   *
   * @return the CA file's path, or {@code null}
   */
  public String getCaFile() {
    return caFile;
  }

  /**
   * Sets the PEM file of the authorities {@code rediss://} certificates must chain to (see
   * {@link #getCaFile()}); default {@code null}: the JVM's trusted authorities.
   *
   * @param caFile the file's path, or {@code null}
   * @return these options
   */
  public RedisStoreOptions setCaFile(String caFile) {
    this.caFile = caFile;
    return this;
  }

  /**
   * How long one store call may take, waiting for a connection included, before it fails with a
   * {@code StoreException}; default 2000 ms.
   *
   * @return the command timeout, in milliseconds
   */
  public long getCommandTimeoutMillis() {
    return commandTimeoutMillis;
  }

  /**
   * Sets how long one store call may take, in milliseconds, before it fails with a
   * {@code StoreException}; default 2000 ms. The longest a
   * caller waits for an unreachable Redis.
   *
   * @param commandTimeoutMillis the timeout, at least 1 ms
   * @return these options
   * @throws IllegalArgumentException when it is below 1
   */
  public RedisStoreOptions setCommandTimeoutMillis(long commandTimeoutMillis) {
    if (commandTimeoutMillis < 1) {
      throw new IllegalArgumentException("commandTimeoutMillis must be >= 1, got " + commandTimeoutMillis);
    }
    this.commandTimeoutMillis = commandTimeoutMillis;
    return this;
  }

  /**
   * TCP connect timeout; default {@value #DEFAULT_CONNECT_TIMEOUT_MILLIS} ms.
   *
   * @return the connect timeout, in milliseconds
   */
  public int getConnectTimeoutMillis() {
    return connectTimeoutMillis;
  }

  /**
   * Sets how long opening a TCP connection may take, in milliseconds; default
   * {@value #DEFAULT_CONNECT_TIMEOUT_MILLIS} ms.
   *
   * @param connectTimeoutMillis the timeout, at least 1 ms
   * @return these options
   * @throws IllegalArgumentException when it is below 1
   */
  public RedisStoreOptions setConnectTimeoutMillis(int connectTimeoutMillis) {
    if (connectTimeoutMillis < 1) {
      throw new IllegalArgumentException("connectTimeoutMillis must be >= 1, got " + connectTimeoutMillis);
    }
    this.connectTimeoutMillis = connectTimeoutMillis;
    return this;
  }

  /**
   * Pooled connections per server; default {@value #DEFAULT_MAX_POOL_SIZE}.
   *
   * @return the pool size
   */
  public int getMaxPoolSize() {
    return maxPoolSize;
  }

  /**
   * Sets how many pooled connections the driver opens per server; default
   * {@value #DEFAULT_MAX_POOL_SIZE}. The store keeps one of them for as long as it lives per
   * event-loop thread that uses it, plus one for all other threads, up to this many; threads past
   * that share the connections already open, in turn (their commands run on another event loop).
   * Vert.x runs 2 × cores event loops by default, so a larger pool keeps every loop on its own
   * connection on machines of more than 3 cores. Release notices use a client of their own.
   *
   * @param maxPoolSize the pool size, at least 1
   * @return these options
   * @throws IllegalArgumentException when it is below 1
   */
  public RedisStoreOptions setMaxPoolSize(int maxPoolSize) {
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("maxPoolSize must be >= 1, got " + maxPoolSize);
    }
    this.maxPoolSize = maxPoolSize;
    return this;
  }

  /**
   * Requests that may wait for a pooled connection before failing at once; default
   * {@value #DEFAULT_MAX_POOL_WAITING}.
   *
   * @return the queue's bound
   */
  public int getMaxPoolWaiting() {
    return maxPoolWaiting;
  }

  /**
   * Sets how many requests for a pooled connection may wait while every connection is taken; one
   * more fails at once with a {@code StoreException}; default {@value #DEFAULT_MAX_POOL_WAITING}.
   * Commands do not borrow a connection each (see {@link #setMaxPoolSize(int)}), so only a thread
   * opening its connection waits here.
   *
   * @param maxPoolWaiting the queue's bound, 0 or more
   * @return these options
   * @throws IllegalArgumentException when it is negative
   */
  public RedisStoreOptions setMaxPoolWaiting(int maxPoolWaiting) {
    if (maxPoolWaiting < 0) {
      throw new IllegalArgumentException("maxPoolWaiting must be >= 0, got " + maxPoolWaiting);
    }
    this.maxPoolWaiting = maxPoolWaiting;
    return this;
  }

  /**
   * How long, after a connect to Redis failed, calls fail at once before the next attempt; it
   * doubles on each failure up to {@link #getReconnectMaxDelayMillis()}; default
   * 50 ms.
   *
   * @return the first reconnect delay, in milliseconds
   */
  public long getReconnectDelayMillis() {
    return reconnectDelayMillis;
  }

  /**
   * Sets the first delay, in milliseconds, between a failed connect and the next attempt, during
   * which calls fail at once instead of waiting for the timeout (see
   * {@link #getReconnectDelayMillis()}); default 50 ms.
   *
   * @param reconnectDelayMillis the delay, at least 1 ms
   * @return these options
   * @throws IllegalArgumentException when it is below 1
   */
  public RedisStoreOptions setReconnectDelayMillis(long reconnectDelayMillis) {
    if (reconnectDelayMillis < 1) {
      throw new IllegalArgumentException("reconnectDelayMillis must be >= 1, got " + reconnectDelayMillis);
    }
    this.reconnectDelayMillis = reconnectDelayMillis;
    return this;
  }

  /**
   * The longest wait between two connect attempts while Redis is unreachable: the store answers
   * again at most this long after Redis does; default 500
   * ms. Below {@link #getReconnectDelayMillis()} it counts as that.
   *
   * @return the largest reconnect delay, in milliseconds
   */
  public long getReconnectMaxDelayMillis() {
    return reconnectMaxDelayMillis;
  }

  /**
   * Sets the largest delay, in milliseconds, between two connect attempts (see
   * {@link #getReconnectMaxDelayMillis()}); default 500 ms.
   *
   * @param reconnectMaxDelayMillis the delay, at least 1 ms
   * @return these options
   * @throws IllegalArgumentException when it is below 1
   */
  public RedisStoreOptions setReconnectMaxDelayMillis(long reconnectMaxDelayMillis) {
    if (reconnectMaxDelayMillis < 1) {
      throw new IllegalArgumentException("reconnectMaxDelayMillis must be >= 1, got " + reconnectMaxDelayMillis);
    }
    this.reconnectMaxDelayMillis = reconnectMaxDelayMillis;
    return this;
  }

  /**
   * The driver's options for these settings (the store adds its timeouts and reconnects itself).
   *
   * @return a new {@code RedisOptions}; the role is always the master
   */
  public RedisOptions toRedisOptions() {
    RedisOptions options = new RedisOptions()
      .setType(type)
      .setEndpoints(new ArrayList<>(endpoints))
      .setMaxPoolSize(maxPoolSize)
      .setMaxPoolWaiting(maxPoolWaiting)
      // A store writes: through sentinels, always talk to the master.
      .setRole(RedisRole.MASTER)
      .setNetClientOptions(netClientOptions());
    if (masterName != null) {
      options.setMasterName(masterName);
    }
    if (password != null) {
      options.setPassword(password);
    }
    return options;
  }

  /** TCP and TLS settings; TLS applies to {@code rediss://} endpoints only. */
  private NetClientOptions netClientOptions() {
    NetClientOptions options = new NetClientOptions()
      .setConnectTimeout(connectTimeoutMillis)
      .setTcpNoDelay(true)
      .setTcpKeepAlive(true)
      // Vert.x 5 refuses a TLS connection until this is set ("Missing hostname verification
      // algorithm"): HTTPS checks that the certificate names the URL's host, as browsers do.
      .setHostnameVerificationAlgorithm("HTTPS");
    if (caFile != null) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(caFile));
    }
    return options;
  }

  /**
   * The settings as JSON, readable by {@link #RedisStoreOptions(JsonObject)}; holds secrets, do not log it.
   *
   * @return the settings; unset optional ones are left out
   */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put("endpoints", new JsonArray(new ArrayList<>(endpoints)))
      .put("type", type.name().toLowerCase(Locale.ROOT))
      .put("commandTimeoutMillis", commandTimeoutMillis)
      .put("connectTimeoutMillis", connectTimeoutMillis)
      .put("maxPoolSize", maxPoolSize)
      .put("maxPoolWaiting", maxPoolWaiting)
      .put("reconnectDelayMillis", reconnectDelayMillis)
      .put("reconnectMaxDelayMillis", reconnectMaxDelayMillis);
    if (masterName != null) {
      json.put("masterName", masterName);
    }
    if (password != null) {
      json.put("password", password);
    }
    if (caFile != null) {
      json.put("caFile", caFile);
    }
    return json;
  }
}
