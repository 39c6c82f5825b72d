package dev.cachify.service.users;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Users API under concurrency: SQLite + memory store")
class SqliteMemoryUsersConcurrencyTest extends UsersConcurrencyContract {

  @Override
  protected JsonObject baseConfig() {
    return UsersSetups.sqlite().mergeIn(UsersSetups.memoryStore());
  }
}
