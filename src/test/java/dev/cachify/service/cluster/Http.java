package dev.cachify.service.cluster;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Plain HTTP calls to a node, from the test thread: status and JSON body. */
final class Http {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  record Answer(int status, JsonObject body) {
  }

  private Http() {
  }

  static Answer get(NodeProcess node, String path) {
    return send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).timeout(TIMEOUT).GET().build());
  }

  static Answer post(NodeProcess node, String path, JsonObject body) {
    return send(withBody(node, path).POST(HttpRequest.BodyPublishers.ofString(body.encode())).build());
  }

  static Answer put(NodeProcess node, String path, JsonObject body) {
    return send(withBody(node, path).PUT(HttpRequest.BodyPublishers.ofString(body.encode())).build());
  }

  /** A PUT that runs while the test goes on; its answer arrives when the node answers. */
  static CompletableFuture<Answer> putAsync(NodeProcess node, String path, JsonObject body) {
    return CLIENT.sendAsync(withBody(node, path).PUT(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
      HttpResponse.BodyHandlers.ofString()).thenApply(Http::answer);
  }

  /** Creates a user through {@code node} and answers it as created (with its id). */
  static JsonObject createUser(NodeProcess node, String name) {
    Answer created = post(node, "/users", new JsonObject().put("name", name).put("email", name.toLowerCase() + "@example.com"));
    if (created.status() != 201) {
      throw new AssertionError("POST /users on " + node.name() + " answered " + created);
    }
    return created.body();
  }

  /** A PUT or POST body for {@code name}, with an e-mail made from it. */
  static JsonObject person(String name) {
    return new JsonObject().put("name", name).put("email", name.toLowerCase().replace(' ', '.') + "@example.com");
  }

  private static HttpRequest.Builder withBody(NodeProcess node, String path) {
    return HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).timeout(TIMEOUT)
      .header("Content-Type", "application/json");
  }

  private static Answer send(HttpRequest request) {
    try {
      return answer(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Answer answer(HttpResponse<String> response) {
    String text = response.body();
    return new Answer(response.statusCode(), text == null || text.isBlank() ? null : new JsonObject(text));
  }
}
