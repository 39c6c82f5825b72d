package dev.cachify.service.users;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The users HTTP API, end to end through a deployed node: every endpoint and status, the cache
 * in front of the read, the reset after an update, and every kind of bad input. Subclasses pick
 * the database and the cache store.
 */
public abstract class UsersApiContract extends UsersHttpTest {

  // ---- happy paths ----

  @Test
  void createAnswers201WithLocationAndTheUser() {
    HttpResponse<Buffer> created = post("/users", user("Ada Lovelace", "ada@example.com"));
    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject body = created.bodyAsJsonObject();
    assertThat(body.getLong("id")).isPositive();
    assertThat(body.getString("name")).isEqualTo("Ada Lovelace");
    assertThat(body.getString("email")).isEqualTo("ada@example.com");
    assertThat(created.getHeader("Location")).isEqualTo("/users/" + body.getLong("id"));
    assertThat(created.getHeader("Content-Type")).startsWith("application/json");
  }

  @Test
  void theSecondReadOfAUserDoesNotReachTheDatabase() {
    long id = createUser("Grace", "grace@example.com");
    int before = node.databaseReads();
    assertThat(get("/users/" + id).bodyAsJsonObject().getString("name")).isEqualTo("Grace");
    assertThat(get("/users/" + id).bodyAsJsonObject().getString("name")).isEqualTo("Grace");
    assertThat(get("/users/" + id).statusCode()).isEqualTo(200);
    assertThat(node.databaseReads() - before).isEqualTo(1);
  }

  @Test
  void anUpdateResetsTheCachedRead() {
    long id = createUser("Linus", "linus@example.com");
    assertThat(get("/users/" + id).bodyAsJsonObject().getString("name")).isEqualTo("Linus");
    HttpResponse<Buffer> updated = put("/users/" + id, user("Linus T", "lt@example.com"));
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(updated.bodyAsJsonObject()).isEqualTo(new JsonObject()
      .put("id", id).put("name", "Linus T").put("email", "lt@example.com"));
    int before = node.databaseReads();
    assertThat(get("/users/" + id).bodyAsJsonObject().getString("name")).isEqualTo("Linus T");
    assertThat(get("/users/" + id).bodyAsJsonObject().getString("email")).isEqualTo("lt@example.com");
    assertThat(node.databaseReads() - before).as("one reload after the reset, then hits").isEqualTo(1);
  }

  @Test
  void deleteAnswers204AndDropsTheCachedRead() {
    long id = createUser("Temp", "temp@example.com");
    assertThat(get("/users/" + id).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> deleted = send("DELETE", "/users/" + id, null);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body() == null || deleted.body().length() == 0).isTrue();
    assertError(get("/users/" + id), 404);
    assertError(send("DELETE", "/users/" + id, null), 404);
  }

  @Test
  void unknownIdsAnswer404WithAJsonBody() {
    assertError(get("/users/987654321"), 404);
    assertError(put("/users/987654321", user("Nobody", "nobody@example.com")), 404);
    assertError(get("/users/987654321"), 404);
    assertError(get("/nowhere"), 404);
  }

  @Test
  void listIsPagedAndBounded() {
    long first = createUser("Page A", "a@example.com");
    createUser("Page B", "b@example.com");
    createUser("Page C", "c@example.com");
    JsonObject page = get("/users?limit=2&offset=0").bodyAsJsonObject();
    assertThat(page.getJsonArray("users")).hasSize(2);
    assertThat(page.getInteger("limit")).isEqualTo(2);
    JsonObject all = get("/users?limit=100").bodyAsJsonObject();
    assertThat(all.getJsonArray("users").stream().map(u -> ((JsonObject) u).getLong("id"))).contains(first);
    assertThat(get("/users").bodyAsJsonObject().getInteger("limit")).isEqualTo(20);
    assertError(get("/users?limit=101"), 400);
    assertError(get("/users?limit=0"), 400);
    assertError(get("/users?offset=-1"), 400);
    assertError(get("/users?limit=ten"), 400);
    // An offset past 2^32 is taken as it is, not cut to its low 32 bits (which made 2^32 read as 0).
    JsonObject far = get("/users?offset=4294967296").bodyAsJsonObject();
    assertThat(far.getLong("offset")).isEqualTo(4_294_967_296L);
    assertThat(far.getJsonArray("users")).isEmpty();
  }

  @Test
  void namesAreStoredAndReturnedVerbatim() {
    for (String name : new String[] {"O'Brien \"quoted\"", "x'); DROP TABLE users;--", "Ærøskøbing",
      "李小龙", "Ольга 🙂", "  padded  "}) {
      long id = createUser(name, "verbatim@example.com");
      assertThat(get("/users/" + id).bodyAsJsonObject().getString("name")).isEqualTo(name);
    }
  }

  @Test
  void docsServeSwaggerUiOverOurDocument() {
    HttpResponse<Buffer> redirect = get("/docs");
    assertThat(redirect.statusCode()).isBetween(301, 308);
    HttpResponse<Buffer> page = get("/docs/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.bodyAsString()).contains("swagger-ui");
    assertThat(get("/docs/swagger-initializer.js").bodyAsString()).contains("/openapi.yaml")
      .doesNotContain("petstore");
    assertThat(get("/docs/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
    HttpResponse<Buffer> document = get("/openapi.yaml");
    assertThat(document.statusCode()).isEqualTo(200);
    assertThat(document.bodyAsString()).contains("openapi: 3.1.0").contains("/users/{id}");
  }

  // ---- bad input: 400 with a JSON body naming the problem, nothing changed ----

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"name\": \"Bob\",",                                         // malformed JSON
    "[1, 2]",                                                       // not an object
    "{\"name\": 123, \"email\": \"bob@example.com\"}",              // wrong type
    "{\"email\": \"bob@example.com\"}",                             // missing field
    "{\"name\": \"Bob\", \"email\": \"bob@example.com\", \"x\": 1}", // unknown field
    "{\"name\": \"   \", \"email\": \"bob@example.com\"}",          // blank name
    "{\"name\": \"\", \"email\": \"bob@example.com\"}",             // empty name
    "{\"name\": \"Bob\", \"email\": \"not-an-email\"}",             // invalid e-mail
    "{\"name\": \"Bob\", \"email\": null}",                         // null
    "{\"name\": \"Bo\\u0000b\", \"email\": \"bob@example.com\"}",     // a control character
    ""                                                              // no body
  })
  void badBodiesAnswer400AndChangeNothing(String body) {
    long id = createUser("Stable", "stable@example.com");
    assertThat(get("/users/" + id).statusCode()).isEqualTo(200);
    int listed = countUsers();
    assertError(sendRaw("POST", "/users", body), 400);
    assertError(sendRaw("PUT", "/users/" + id, body), 400);
    assertThat(countUsers()).isEqualTo(listed);
    assertThat(get("/users/" + id).bodyAsJsonObject().getString("name")).isEqualTo("Stable");
  }

  @Test
  void tooLongFieldsAnswer400NamingTheField() {
    JsonObject longName = assertError(post("/users", user("n".repeat(101), "long@example.com")), 400);
    assertThat(longName.getString("field")).isEqualTo("name");
    JsonObject longEmail = assertError(post("/users", user("Bob", "e".repeat(250) + "@example.com")), 400);
    assertThat(longEmail.getString("field")).isEqualTo("email");
    assertThat(post("/users", user("n".repeat(100), "ok@example.com")).statusCode()).isEqualTo(201);
  }

  @Test
  void wrongFieldsAreNamed() {
    assertThat(assertError(post("/users", new JsonObject().put("name", 5).put("email", "a@b.co")), 400)
      .getString("field")).isEqualTo("name");
    assertThat(assertError(post("/users", new JsonObject().put("name", "A")), 400).getString("error"))
      .contains("email");
    assertThat(assertError(post("/users", user("A", "a@b.co").put("admin", true)), 400).getString("field"))
      .isEqualTo("admin");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "0", "-1", "1.5", "1e3", "99999999999999999999", "9223372036854775808"})
  void badIdsAnswer400(String id) {
    assertError(get("/users/" + id), 400);
    assertError(put("/users/" + id, user("Bob", "bob@example.com")), 400);
    assertError(send("DELETE", "/users/" + id, null), 400);
  }

  @Test
  void anOversizedBodyAnswers413AndChangesNothing() {
    long id = createUser("Small", "small@example.com");
    String huge = "{\"name\": \"" + "x".repeat(20_000) + "\", \"email\": \"big@example.com\"}";
    assertError(sendRaw("POST", "/users", huge), 413);
    assertError(sendRaw("PUT", "/users/" + id, huge), 413);
    assertThat(get("/users/" + id).bodyAsJsonObject().getString("name")).isEqualTo("Small");
  }
}
