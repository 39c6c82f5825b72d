// The anchors of bench/http.sh: the least a Vert.x 5 HTTP server can do per request, on the same
// event loops and the same libraries as the users service, so the service's figures have something
// to be compared with.
//
//   java -cp target/cachify.jar bench/BareRedisGetServer.java PORT REDIS_PORT [KEY]   # one Redis GET per request
//   java -cp target/cachify.jar bench/BareRedisGetServer.java PORT hello              # "hello", no Redis
//
// Redis mode: every request does GET KEY (default "bare:user:1", which the caller stores first, e.g.
// the user's JSON) and answers the stored bytes as application/json (404 when absent, 503 on a
// Redis failure). Each verticle (one per event loop) has its own connection, opened at start on its
// own event loop, with pipelining (many GETs in flight per connection): the fastest the client
// allows. BARE_REDIS_CLIENT=pooled uses instead one shared pooled client (Redis.createClient(..).send,
// BARE_REDIS_POOL connections, default 6 as RedisStoreOptions' pool), to see what a pooled send costs.
//
// Event loops: BARE_INSTANCES (default 2, the service's HTTP_INSTANCES on 2 cores). Java 17 source
// launcher: this file is compiled at start; the fat jar brings vertx-core and vertx-redis-client.

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

public class BareRedisGetServer {

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: BareRedisGetServer PORT (REDIS_PORT [KEY] | hello)");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    boolean hello = args[1].equals("hello");
    int instances = Integer.parseInt(System.getenv().getOrDefault("BARE_INSTANCES", "2"));
    boolean pooled = "pooled".equals(System.getenv("BARE_REDIS_CLIENT"));
    Vertx vertx = Vertx.vertx();
    Future<String> deployed;
    String what;
    if (hello) {
      what = "hello";
      deployed = vertx.deployVerticle(() -> new Hello(port), new DeploymentOptions().setInstances(instances));
    } else {
      String url = "redis://127.0.0.1:" + Integer.parseInt(args[1]);
      String key = args.length > 2 ? args[2] : "bare:user:1";
      int poolSize = Integer.parseInt(System.getenv().getOrDefault("BARE_REDIS_POOL", "6"));
      RedisOptions options = new RedisOptions().setConnectionString(url).setMaxPoolSize(poolSize).setMaxPoolWaiting(1024);
      Redis shared = pooled ? Redis.createClient(vertx, options) : null;
      what = "one Redis GET per request on " + url + " key " + key
        + (pooled ? " (shared pooled client, " + poolSize + " connections)" : " (one pipelined connection per event loop)");
      deployed = vertx.deployVerticle(() -> new RedisGet(port, key, options, shared),
        new DeploymentOptions().setInstances(instances));
    }
    deployed.onComplete(result -> {
      if (result.succeeded()) {
        System.out.println("bare server listening on 127.0.0.1:" + port + ", " + instances + " event loops: " + what);
      } else {
        result.cause().printStackTrace();
        vertx.close();
        System.exit(1);
      }
    });
  }

  static final class Hello extends VerticleBase {
    private static final Buffer HELLO = Buffer.buffer("hello");
    private final int port;

    Hello(int port) {
      this.port = port;
    }

    @Override
    public Future<?> start() {
      return vertx.createHttpServer()
        .requestHandler(req -> req.response().putHeader("Content-Type", "text/plain").end(HELLO))
        .listen(port, "127.0.0.1");
    }
  }

  static final class RedisGet extends VerticleBase {
    private final int port;
    private final String key;
    private final RedisOptions options;
    private final Redis shared;
    private Redis own;
    private RedisConnection connection;

    RedisGet(int port, String key, RedisOptions options, Redis shared) {
      this.port = port;
      this.key = key;
      this.options = options;
      this.shared = shared;
    }

    @Override
    public Future<?> start() {
      Future<?> ready;
      if (shared != null) {
        ready = shared.send(Request.cmd(Command.PING));
      } else {
        own = Redis.createClient(vertx, new RedisOptions(options).setMaxWaitingHandlers(4096));
        ready = own.connect().onSuccess(conn -> connection = conn);
      }
      return ready.compose(ok -> vertx.createHttpServer().requestHandler(this::handle).listen(port, "127.0.0.1"));
    }

    private void handle(HttpServerRequest req) {
      Request get = Request.cmd(Command.GET).arg(key);
      Future<Response> reply = shared != null ? shared.send(get) : connection.send(get);
      reply.onComplete(result -> {
        if (result.failed()) {
          req.response().setStatusCode(503).end(String.valueOf(result.cause().getMessage()));
        } else if (result.result() == null) {
          req.response().setStatusCode(404).end();
        } else {
          req.response().putHeader("Content-Type", "application/json").end(result.result().toBuffer());
        }
      });
    }

    @Override
    public Future<?> stop() {
      return own == null ? Future.succeededFuture() : own.close();
    }
  }
}
