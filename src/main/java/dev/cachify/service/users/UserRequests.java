package dev.cachify.service.users;

import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Reads requests into checked values by the HTTP API's rules (the OpenAPI document states the same
 * bounds), for both event-bus contracts: the public one of {@link UserAddresses} and the
 * repository's internal one, whose update also takes the lock's fencing token. A request that is
 * not valid throws a {@link UserFailure} (400) whose message names every field at fault, e.g.
 * {@code "name must not be blank; unknown field: role"}. Numbers must be JSON integers:
 * {@code "7"} and {@code 7.0} are not ids.
 */
public final class UserRequests {

  /** What a create sets, and what an update replaces: both fields. */
  public record UserInput(String name, String email) {

    /** The repository's request for this input: {@code {"name","email"}}. */
    public JsonObject toJson() {
      return new JsonObject().put("name", name).put("email", email);
    }
  }

  /** A replacement of user {@code id}'s fields. */
  public record UserChange(long id, UserInput input) {
  }

  /** {@code fence} 0: none given, the write is not fenced. */
  public record FencedChange(long id, String name, String email, long fence) {
  }

  public record Page(int limit, long offset) {
  }

  /**
   * How far past the clock a fencing token may be: every store draws tokens of at least its clock
   * in microseconds, so a token beyond the clock by more than a day (clock skew included) was not
   * drawn by any store: a caller made it up, and a row written with it would refuse every later
   * update for ever.
   */
  static final long FENCE_HORIZON_MICROS = TimeUnit.DAYS.toMicros(1);

  private static final Set<String> INPUT_FIELDS = Set.of("name", "email");
  private static final Set<String> UPDATE_FIELDS = Set.of("id", "name", "email");
  private static final Set<String> FENCED_UPDATE_FIELDS = Set.of("id", "name", "email", "fence");
  private static final Set<String> ID_FIELDS = Set.of("id");
  private static final Set<String> LIST_FIELDS = Set.of("limit", "offset");

  private UserRequests() {
  }

  /** A create: {@code {"name","email"}}; also an HTTP update's body. */
  public static UserInput input(Object body) {
    JsonObject json = object(body);
    List<String> problems = new ArrayList<>();
    UserInput input = input(json, problems);
    unknownFields(json, INPUT_FIELDS, problems);
    check(problems);
    return input;
  }

  /** The public update: {@code {"id","name","email"}}, both fields required (a replacement). */
  public static UserChange update(Object body) {
    JsonObject json = object(body);
    List<String> problems = new ArrayList<>();
    long id = id(json, problems);
    UserInput input = input(json, problems);
    unknownFields(json, UPDATE_FIELDS, problems);
    check(problems);
    return new UserChange(id, input);
  }

  /**
   * The repository's update: {@code {"id","name","email","fence"?}}. {@code fence}, the updater's
   * fencing token, makes the write refuse to land over a write made with a higher one; it must be
   * one a store could have issued by {@code nowMillis}: from 1 to the clock plus a day, in
   * microseconds.
   */
  public static FencedChange fencedUpdate(Object body, long nowMillis) {
    JsonObject json = object(body);
    List<String> problems = new ArrayList<>();
    long id = id(json, problems);
    UserInput input = input(json, problems);
    long fence = fence(json.getValue("fence"), nowMillis, problems);
    unknownFields(json, FENCED_UPDATE_FIELDS, problems);
    check(problems);
    return new FencedChange(id, input.name(), input.email(), fence);
  }

  /** A get or a delete: {@code {"id"}}. */
  public static long id(Object body) {
    JsonObject json = object(body);
    List<String> problems = new ArrayList<>();
    long id = id(json, problems);
    unknownFields(json, ID_FIELDS, problems);
    check(problems);
    return id;
  }

  /** A list: {@code {"limit","offset"}}, both optional. */
  public static Page page(Object body) {
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
    throw UserFailure.badRequest("the request must be a JSON object, got "
      + (body == null ? "nothing" : body.getClass().getSimpleName()));
  }

  /** The fence, 0 when absent, or 0 after adding the problem with it. */
  private static long fence(Object raw, long nowMillis, List<String> problems) {
    if (raw == null) {
      return 0;
    }
    long horizon = TimeUnit.MILLISECONDS.toMicros(nowMillis) + FENCE_HORIZON_MICROS;
    Long fence = integer(raw);
    if (fence == null || fence < 1 || fence > horizon) {
      problems.add("fence must be a token a lock store issued: an integer from 1 to the clock in microseconds"
        + " plus a day (" + horizon + " now), got " + raw);
      return 0;
    }
    return fence;
  }

  private static UserInput input(JsonObject json, List<String> problems) {
    Object name = json.getValue("name");
    Object email = json.getValue("email");
    addIfPresent(problems, UserRules.nameProblem(name));
    addIfPresent(problems, UserRules.emailProblem(email));
    // Only read once both are valid strings: check() throws before the input is used otherwise.
    return name instanceof String n && email instanceof String e ? new UserInput(n, e) : null;
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
      throw UserFailure.badRequest(String.join("; ", problems));
    }
  }
}
