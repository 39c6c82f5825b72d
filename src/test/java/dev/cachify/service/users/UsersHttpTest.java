package dev.cachify.service.users;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A users node per test class, and the HTTP helpers the users suites share. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class UsersHttpTest {

  protected UsersNode node;
  private JsonObject config;

  /** Database and store settings of the node under test. */
  protected abstract JsonObject nodeConfig();

  @BeforeAll
  void startNode() {
    config = nodeConfig();
    node = new UsersNode(config);
  }

  @AfterAll
  void stopNode() {
    if (node != null) {
      node.close();
      UsersSetups.dropTable(config);
    }
  }

  // ---- helpers ----

  protected long createUser(String name, String email) {
    HttpResponse<Buffer> created = post("/users", user(name, email));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getLong("id");
  }

  protected static JsonObject user(String name, String email) {
    return new JsonObject().put("name", name).put("email", email);
  }

  protected int countUsers() {
    int count = 0;
    for (int offset = 0; ; offset += 100) {
      int page = get("/users?limit=100&offset=" + offset).bodyAsJsonObject().getJsonArray("users").size();
      count += page;
      if (page < 100) {
        return count;
      }
    }
  }

  protected static JsonObject assertError(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("error")).isNotBlank();
    return body;
  }

  protected HttpResponse<Buffer> get(String path) {
    return send("GET", path, null);
  }

  protected HttpResponse<Buffer> post(String path, JsonObject body) {
    return send("POST", path, body);
  }

  protected HttpResponse<Buffer> put(String path, JsonObject body) {
    return send("PUT", path, body);
  }

  protected HttpResponse<Buffer> send(String method, String path, JsonObject body) {
    return sendRaw(method, path, body == null ? null : body.encode());
  }

  protected Future<HttpResponse<Buffer>> sendAsync(String method, String path, String body) {
    var request = node.client().request(io.vertx.core.http.HttpMethod.valueOf(method), path);
    if (body == null) {
      return request.send();
    }
    return request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body));
  }

  protected HttpResponse<Buffer> sendRaw(String method, String path, String body) {
    try {
      return sendAsync(method, path, body).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    }
  }
}
