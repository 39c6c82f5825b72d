package dev.cachify.service.users;

import dev.cachify.testsupport.RedisServerExtension;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Users API under concurrency: PostgreSQL + Redis store")
@ExtendWith(RedisServerExtension.class)
class PostgresRedisUsersConcurrencyTest extends UsersConcurrencyContract {

  @Override
  protected JsonObject baseConfig() {
    return UsersSetups.postgres().mergeIn(UsersSetups.redisStore());
  }
}
