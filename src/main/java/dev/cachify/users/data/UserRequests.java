package dev.cachify.users.data;

import dev.cachify.users.UserAddresses;
import dev.cachify.users.UserRules;
import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the requests of {@link UserAddresses} into checked values, before anything touches the
 * database. A request that is not valid throws a {@link RepositoryFailure} (400) whose message
 * names every field at fault, e.g. {@code "name must not be blank; unknown field: role"}.
 * Numbers must be JSON integers: {@code "7"} and {@code 7.0} are not ids.
 */
final class UserRequests {

  record NewUser(String name, String email) {
  }

  /** {@code fence} 0: none given, the write is not fenced. */
  record UserChange(long id, String name, String email, long fence) {
  }

  record Page(int limit, long offset) {
  }

  private static final Set<String> CREATE_FIELDS = Set.of("name", "email");
  private static final Set<String> UPDATE_FIELDS = Set.of("id", "name", "email", "fence");
  private static final Set<String> ID_FIELDS = Set.of("id");
  private static final Set<String> LIST_FIELDS = Set.of("limit", "offset");

  private UserRequests() {
  }

  /** {@code users.create}: {@code {"name","email"}}. */
  static NewUser create(Object body) {
    JsonObject json = object(body);
    List<String> problems = new ArrayList<>();
    addIfPresent(problems, UserRules.nameProblem(json.getValue("name")));
    addIfPresent(problems, UserRules.emailProblem(json.getValue("email")));
    unknownFields(json, CREATE_FIELDS, problems);
    check(problems);
    return new NewUser(json.getString("name"), json.getString("email"));
  }

  /**
   * {@code users.update}: {@code {"id","name","email","fence"?}}, both fields required (a
   * replacement); {@code fence}, the updater's fencing token, makes the write refuse to land over a
   * write made with a higher one.
   */
  static UserChange update(Object body) {
    JsonObject json = object(body);
    List<String> problems = new ArrayList<>();
    long id = id(json, problems);
    addIfPresent(problems, UserRules.nameProblem(json.getValue("name")));
    addIfPresent(problems, UserRules.emailProblem(json.getValue("email")));
    long fence = fence(json.getValue("fence"), problems);
    unknownFields(json, UPDATE_FIELDS, problems);
    check(problems);
    return new UserChange(id, json.getString("name"), json.getString("email"), fence);
  }

  /** {@code users.get} and {@code users.delete}: {@code {"id"}}. */
  static long id(Object body) {
    JsonObject json = object(body);
    List<String> problems = new ArrayList<>();
    long id = id(json, problems);
    unknownFields(json, ID_FIELDS, problems);
    check(problems);
    return id;
  }

  /** {@code users.list}: {@code {"limit","offset"}}, both optional. */
  static Page page(Object body) {
    JsonObject json = object(body);
    List<String> problems = new ArrayList<>();
    int limit = UserRules.LIST_DEFAULT;
    long offset = 0;
    Object rawLimit = json.getValue("limit");
    if (rawLimit != null) {
      Long value = integer(rawLimit);
      if (value == null || value < 1 || value > UserRules.LIST_MAX) {
        problems.add("limit must be an integer from 1 to " + UserRules.LIST_MAX);
      } else {
        limit = value.intValue();
      }
    }
    Object rawOffset = json.getValue("offset");
    if (rawOffset != null) {
      Long value = integer(rawOffset);
      if (value == null || value < 0) {
        problems.add("offset must be an integer of at least 0");
      } else {
        offset = value;
      }
    }
    unknownFields(json, LIST_FIELDS, problems);
    check(problems);
    return new Page(limit, offset);
  }

  private static JsonObject object(Object body) {
    if (body instanceof JsonObject json) {
      return json;
    }
    throw RepositoryFailure.badRequest("the request must be a JSON object, got "
      + (body == null ? "nothing" : body.getClass().getSimpleName()));
  }

  /** The id, or 0 after adding the problem with it. */
  private static long fence(Object raw, List<String> problems) {
    if (raw == null) {
      return 0;
    }
    Long fence = integer(raw);
    if (fence == null || fence < 1) {
      problems.add("fence must be a positive integer");
      return 0;
    }
    return fence;
  }

  private static long id(JsonObject json, List<String> problems) {
    Object raw = json.getValue("id");
    if (raw == null) {
      problems.add("id is required");
      return 0;
    }
    if (raw instanceof BigInteger big && big.bitLength() >= Long.SIZE) {
      problems.add(big.signum() > 0 ? "id must be at most " + Long.MAX_VALUE : "id must be at least 1");
      return 0;
    }
    Long id = integer(raw);
    if (id == null) {
      problems.add("id must be an integer");
      return 0;
    }
    if (id < 1) {
      problems.add("id must be at least 1");
      return 0;
    }
    return id;
  }

  /** The value as a long when it is a JSON integer that fits, else null. */
  private static Long integer(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big && big.bitLength() < Long.SIZE) {
      return big.longValue();
    }
    return null;
  }

  private static void unknownFields(JsonObject json, Set<String> known, List<String> problems) {
    Set<String> unknown = new TreeSet<>(json.fieldNames());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      problems.add((unknown.size() == 1 ? "unknown field: " : "unknown fields: ") + String.join(", ", unknown));
    }
  }

  private static void addIfPresent(List<String> problems, String problem) {
    if (problem != null) {
      problems.add(problem);
    }
  }

  private static void check(List<String> problems) {
    if (!problems.isEmpty()) {
      throw RepositoryFailure.badRequest(String.join("; ", problems));
    }
  }
}
