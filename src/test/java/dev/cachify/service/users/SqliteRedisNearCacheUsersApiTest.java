package dev.cachify.service.users;

import dev.cachify.testsupport.RedisServerExtension;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Users API: SQLite + Redis store behind the near cache")
@ExtendWith(RedisServerExtension.class)
class SqliteRedisNearCacheUsersApiTest extends UsersApiContract {

  @Override
  protected JsonObject nodeConfig() {
    return UsersSetups.sqlite().mergeIn(UsersSetups.redisStore()).put("NEAR_CACHE_ENABLED", true);
  }
}
