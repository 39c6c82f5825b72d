package dev.cachify.service.users;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;


@DisplayName("Users API: PostgreSQL + memory store")
class PostgresMemoryUsersApiTest extends UsersApiContract {

  @Override
  protected JsonObject nodeConfig() {
    return UsersSetups.postgres().mergeIn(UsersSetups.memoryStore());
  }
}
