package dev.cachify.service.users;

import dev.cachify.service.users.data.UserRepositoryAddresses;
import dev.cachify.service.app.MainVerticle;
import dev.cachify.service.ops.NodeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A users node deployed the way {@code java -jar} deploys it ({@link MainVerticle} with a
 * configuration), in its own Vert.x, with a web client pointed at it and a count of the reads
 * that reach each event-bus address (an event-bus interceptor, so nothing in the service is instrumented).
 */
public final class UsersNode implements AutoCloseable {

  private final Vertx vertx;
  private final WebClient client;
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final Map<String, Promise<Void>> holds = new ConcurrentHashMap<>();
  private final int port;

  public UsersNode(JsonObject config) {
    this(Vertx.vertx(), config);
  }

  /** A node on {@code vertx}, e.g. a clustered one; closing the node closes it. */
  public UsersNode(Vertx vertx, JsonObject config) {
    this(vertx, config, null);
  }

  /**
   * A node as {@code java -jar} starts it, Vert.x reporting its own figures (HTTP, event bus) to
   * the registry that /metrics scrapes.
   */
  public static UsersNode withVertxMetrics(JsonObject config) {
    PrometheusMeterRegistry registry = NodeMetrics.newRegistry();
    Vertx vertx = NodeMetrics.withVertxMetrics(Vertx.builder(), new VertxOptions(), registry).build();
    return new UsersNode(vertx, config, registry);
  }

  private UsersNode(Vertx vertx, JsonObject config, PrometheusMeterRegistry registry) {
    this.port = freePort();
    this.vertx = vertx;
    vertx.eventBus().addInboundInterceptor(delivery -> {
      String address = delivery.message().address();
      requests.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
      Promise<Void> hold = holds.get(address);
      if (hold == null) {
        delivery.next();
      } else {
        Context context = vertx.getOrCreateContext();
        hold.future().onComplete(released -> context.runOnContext(v -> delivery.next()));
      }
    });
    JsonObject effective = new JsonObject().put("HTTP_HOST", "127.0.0.1").put("HTTP_INSTANCES", 2)
      .mergeIn(config).put("HTTP_PORT", port);
    try {
      vertx.deployVerticle(new MainVerticle(registry), new DeploymentOptions().setConfig(effective))
        .await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("users node did not start: " + e.getMessage(), e);
    }
    this.client = WebClient.create(vertx, new WebClientOptions()
      .setDefaultHost("127.0.0.1").setDefaultPort(port).setFollowRedirects(false),
      new PoolOptions().setHttp1MaxSize(64));
  }

  public WebClient client() {
    return client;
  }

  public Vertx vertx() {
    return vertx;
  }

  public int port() {
    return port;
  }

  /** How many {@code users.get} requests reached the repository so far. */
  public int databaseReads() {
    return requestsTo(UserRepositoryAddresses.GET);
  }

  /**
   * Holds every message to {@code address} before its consumer sees it, until the returned
   * runnable is run: lets a test fix the order of events instead of racing timers.
   */
  public Runnable hold(String address) {
    Promise<Void> hold = Promise.promise();
    holds.put(address, hold);
    return () -> {
      holds.remove(address, hold);
      hold.tryComplete();
    };
  }

  /** How many messages reached {@code address} so far. */
  public int requestsTo(String address) {
    AtomicInteger count = requests.get(address);
    return count == null ? 0 : count.get();
  }

  @Override
  public void close() {
    try {
      vertx.close().await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
