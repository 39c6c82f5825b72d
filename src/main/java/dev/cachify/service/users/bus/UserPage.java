package dev.cachify.service.users.bus;

import dev.cachify.service.users.User;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** What {@link UserBusService#list} answers: a page of users by id, and the paging it used. */
@DataObject
public final class UserPage {

  private final List<User> users;
  private final int limit;
  private final long offset;

  public UserPage(List<User> users, int limit, long offset) {
    this.users = List.copyOf(users);
    this.limit = limit;
    this.offset = offset;
  }

  /** The page as {@code users.list} answers it: {@code {"users":[...],"limit","offset"}}. */
  public UserPage(JsonObject json) {
    this(json.getJsonArray("users", new JsonArray()).stream().map(user -> new User((JsonObject) user)).toList(),
      json.getInteger("limit"), json.getLong("offset"));
  }

  public List<User> getUsers() {
    return users;
  }

  public int getLimit() {
    return limit;
  }

  public long getOffset() {
    return offset;
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("users", new JsonArray(users.stream().map(User::toJson).toList()))
      .put("limit", limit)
      .put("offset", offset);
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
