package dev.cachify.service.users;

import dev.cachify.testsupport.RedisServerExtension;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Users API: PostgreSQL + Redis store")
@ExtendWith(RedisServerExtension.class)
class PostgresRedisUsersApiTest extends UsersApiContract {

  @Override
  protected JsonObject nodeConfig() {
    return UsersSetups.postgres().mergeIn(UsersSetups.redisStore());
  }
}
