package dev.cachify.service.users;

import dev.cachify.testsupport.PrivateRedis;
import dev.cachify.testsupport.RedisServerExtension;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Node configurations for the users suites: SQLite or PostgreSQL, memory or Redis store. */
public final class UsersSetups {

  public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  private UsersSetups() {
  }

  /** A fresh SQLite file in a temporary folder. */
  public static JsonObject sqlite() {
    try {
      Path dir = Files.createTempDirectory("cachify-users-");
      dir.toFile().deleteOnExit();
      return new JsonObject().put("DATABASE_URL", "jdbc:sqlite:" + dir.resolve("users.db"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The machine's PostgreSQL with a table of this run's own; skips when none is reachable. */
  public static JsonObject postgres() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
    } catch (IOException e) {
      Assumptions.abort("no PostgreSQL on 127.0.0.1:5432: " + e.getMessage());
    }
    return new JsonObject().put("DATABASE_URL", POSTGRES_URL)
      .put("USERS_TABLE", "users_test_" + UUID.randomUUID().toString().substring(0, 8));
  }

  /** Drops the PostgreSQL table a configuration made, so test runs leave the database as found. */
  public static void dropTable(JsonObject config) {
    String url = config.getString("DATABASE_URL", "");
    String table = config.getString("USERS_TABLE");
    if (!url.startsWith("jdbc:postgresql:") || table == null) {
      return;
    }
    try (Connection connection = DriverManager.getConnection(url);
         Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + table);
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop " + table + ": " + e.getMessage(), e);
    }
  }

  public static JsonObject memoryStore() {
    return new JsonObject().put("CACHIFY_STORE", "memory").put("CACHIFY_PREFIX", prefix());
  }

  /** The private Redis of the test run (see {@link RedisServerExtension}). */
  public static JsonObject redisStore() {
    return redisStore(RedisServerExtension.server());
  }

  /** A Redis of the test's own, e.g. one it stops and starts again. */
  public static JsonObject redisStore(PrivateRedis redis) {
    return new JsonObject().put("CACHIFY_STORE", "redis").put("REDIS_URL", redis.url())
      .put("CACHIFY_PREFIX", prefix());
  }

  private static String prefix() {
    return "T" + UUID.randomUUID().toString().substring(0, 8) + "-";
  }
}
