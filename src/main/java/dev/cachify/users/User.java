package dev.cachify.users;

import io.vertx.core.json.JsonObject;

/** A user as stored and as served: {@code {"id","name","email"}}. */
public record User(long id, String name, String email) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("email", email);
  }

  public static User fromJson(JsonObject json) {
    return new User(json.getLong("id"), json.getString("name"), json.getString("email"));
  }
}
