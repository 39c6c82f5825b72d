package dev.cachify.service.users;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * A user as stored and as served: {@code {"id","name","email"}}; what the cached read stores and
 * the typed client answers. A class, not a record: service proxies take no records.
 */
@DataObject
public final class User {

  @JsonProperty("id")
  private final long id;
  @JsonProperty("name")
  private final String name;
  @JsonProperty("email")
  private final String email;

  @JsonCreator
  public User(@JsonProperty("id") long id, @JsonProperty("name") String name, @JsonProperty("email") String email) {
    this.id = id;
    this.name = name;
    this.email = email;
  }

  /** The user {@code json} holds, as {@link #toJson} writes it. */
  public User(JsonObject json) {
    this(json.getLong("id"), json.getString("name"), json.getString("email"));
  }

  public static User fromJson(JsonObject json) {
    return new User(json);
  }

  public long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String email() {
    return email;
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("email", email);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof User user && id == user.id && Objects.equals(name, user.name)
      && Objects.equals(email, user.email);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, email);
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
