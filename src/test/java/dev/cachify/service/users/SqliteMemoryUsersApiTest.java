package dev.cachify.service.users;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;


@DisplayName("Users API: SQLite + memory store")
class SqliteMemoryUsersApiTest extends UsersApiContract {

  @Override
  protected JsonObject nodeConfig() {
    return UsersSetups.sqlite().mergeIn(UsersSetups.memoryStore());
  }
}
