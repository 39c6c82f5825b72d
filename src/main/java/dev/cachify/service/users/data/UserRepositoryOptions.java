package dev.cachify.service.users.data;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * Settings of a {@link UserRepositoryVerticle}: which database, which table, how many
 * connections, and the tutorial's simulated delay.
 *
 * <pre>{@code
 * // PostgreSQL, a table of its own, reads and updates slowed by 500 ms to watch the cache work.
 * new UserRepositoryOptions()
 *   .setDatabaseUrl("jdbc:postgresql://127.0.0.1:5432/test?user=postgres")
 *   .setTable("users_demo")
 *   .setSimulatedDelayMs(500);
 * }</pre>
 */
public class UserRepositoryOptions {

  /** Default database: {@value}, a SQLite file in the working directory. */
  public static final String DEFAULT_DATABASE_URL = "jdbc:sqlite:database.db";
  /** Default table: {@value}. */
  public static final String DEFAULT_TABLE = "users";
  /** Default connections in the pool: {@value}. */
  public static final int DEFAULT_POOL_SIZE = 4;
  /** Default simulated delay: {@value} ms (none). */
  public static final long DEFAULT_SIMULATED_DELAY_MS = 0;

  private String databaseUrl = DEFAULT_DATABASE_URL;
  private String table = DEFAULT_TABLE;
  private int poolSize = DEFAULT_POOL_SIZE;
  private long simulatedDelayMs = DEFAULT_SIMULATED_DELAY_MS;

  public UserRepositoryOptions() {
  }

  public UserRepositoryOptions(UserRepositoryOptions other) {
    this.databaseUrl = other.databaseUrl;
    this.table = other.table;
    this.poolSize = other.poolSize;
    this.simulatedDelayMs = other.simulatedDelayMs;
  }

  /**
   * Reads {@code databaseUrl}, {@code table}, {@code poolSize} and {@code simulatedDelayMs};
   * absent keys keep their defaults.
   */
  public UserRepositoryOptions(JsonObject json) {
    setDatabaseUrl(json.getString("databaseUrl", DEFAULT_DATABASE_URL));
    setTable(json.getString("table", DEFAULT_TABLE));
    setPoolSize(json.getInteger("poolSize", DEFAULT_POOL_SIZE));
    setSimulatedDelayMs(json.getLong("simulatedDelayMs", DEFAULT_SIMULATED_DELAY_MS));
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("databaseUrl", databaseUrl)
      .put("table", table)
      .put("poolSize", poolSize)
      .put("simulatedDelayMs", simulatedDelayMs);
  }

  /**
   * Any JDBC URL whose driver is on the class path; default {@value #DEFAULT_DATABASE_URL}.
   * PostgreSQL: {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. A SQLite URL gets
   * {@code journal_mode=WAL} and {@code busy_timeout=5000} unless it sets them itself, so
   * readers do not block the writer and concurrent writers wait for each other instead of failing.
   */
  public String getDatabaseUrl() {
    return databaseUrl;
  }

  public UserRepositoryOptions setDatabaseUrl(String databaseUrl) {
    Objects.requireNonNull(databaseUrl, "databaseUrl");
    if (!databaseUrl.startsWith("jdbc:")) {
      throw new IllegalArgumentException("databaseUrl must be a JDBC URL (jdbc:...), got " + JdbcUrls.redact(databaseUrl));
    }
    this.databaseUrl = databaseUrl;
    return this;
  }

  /**
   * The table of users, created when absent; default {@value #DEFAULT_TABLE}. It must match
   * {@code [A-Za-z_][A-Za-z0-9_]*}: it is the only name spliced into the SQL.
   */
  public String getTable() {
    return table;
  }

  public UserRepositoryOptions setTable(String table) {
    this.table = UserSql.checkTable(table);
    return this;
  }

  /** Connections in the pool, at least 1; default {@value #DEFAULT_POOL_SIZE}. */
  public int getPoolSize() {
    return poolSize;
  }

  public UserRepositoryOptions setPoolSize(int poolSize) {
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
    }
    this.poolSize = poolSize;
    return this;
  }

  /**
   * The tutorial's knob to watch the cache and the lock work; default 0 (none). A read runs its
   * SELECT at once and answers this much later (it answers the row it read); an update waits
   * this much, then runs its UPDATE. Other operations are not delayed.
   */
  public long getSimulatedDelayMs() {
    return simulatedDelayMs;
  }

  public UserRepositoryOptions setSimulatedDelayMs(long simulatedDelayMs) {
    if (simulatedDelayMs < 0) {
      throw new IllegalArgumentException("simulatedDelayMs must not be negative, got " + simulatedDelayMs);
    }
    this.simulatedDelayMs = simulatedDelayMs;
    return this;
  }

  @Override
  public String toString() {
    return "UserRepositoryOptions" + toJson().put("databaseUrl", JdbcUrls.redact(databaseUrl)).encode();
  }
}
