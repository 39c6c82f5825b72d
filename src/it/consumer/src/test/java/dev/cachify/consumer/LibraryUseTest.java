package dev.cachify.consumer;

import dev.cachify.Cachify;
import dev.cachify.CachifyOptions;
import dev.cachify.Ttl;
import dev.cachify.cache.CachedFunction;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Fn;
import dev.cachify.lock.CachifyLockException;
import dev.cachify.lock.OnceFunction;
import dev.cachify.store.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.embedded.core.ExecutableProvider;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What a project that depends on {@code dev.cachify:cachify} gets: the library's dependencies and
 * nothing of the users service's, no logging or Hazelcast configuration taking over its own, and the
 * README's library examples working on the memory store and on Redis. The code between
 * {@code readme:begin} and {@code readme:end} appears verbatim in the library's README.
 */
class LibraryUseTest {

  /** Artifacts only the users service needs: a library user must not receive any of them. */
  private static final List<String> SERVICE_ONLY = List.of("sqlite-jdbc", "postgresql", "swagger-ui",
    "logback-classic", "logback-core", "vertx-openapi", "vertx-web-openapi-router", "vertx-launcher-application",
    "vertx-tcp-eventbus-bridge", "vertx-jdbc-client", "vertx-config", "vertx-health-check",
    "vertx-micrometer-metrics", "micrometer-registry-prometheus", "vertx-web-");

  private static Vertx vertx;
  private static Process redis;
  private static String redisUrl;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    File dir = Files.createTempDirectory("consumer-redis").toFile();
    redis = new ProcessBuilder(redisServer().getPath(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
      "--save", "", "--appendonly", "no", "--dir", dir.getPath())
      .redirectErrorStream(true).redirectOutput(new File(dir, "redis.log")).start();
    redisUrl = "redis://127.0.0.1:" + port;
    Awaitility.await("redis-server answers on " + port).atMost(Duration.ofSeconds(20))
      .until(() -> answers(port) || !redis.isAlive());
    if (!redis.isAlive()) {
      fail("redis-server did not start: " + Files.readString(new File(dir, "redis.log").toPath()));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
    if (redis != null) {
      redis.destroy();
      redis.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theClassPathHoldsNoneOfTheServicesDependencies() {
    String classPath = System.getProperty("java.class.path");
    for (String entry : classPath.split(File.pathSeparator)) {
      String name = new File(entry).getName();
      for (String serviceOnly : SERVICE_ONLY) {
        assertTrue(!name.startsWith(serviceOnly), name + " is a dependency of the users service, not of the library");
      }
    }
    assertTrue(classPath.contains("cachify-"), "the library is on the class path: " + classPath);
    assertTrue(classPath.contains("vertx-redis-client"), "its own dependencies came along: " + classPath);
  }

  @Test
  void theLibraryJarCarriesNoConfigurationOfTheApplications() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    assertNull(loader.getResource("logback.xml"), "a logback.xml would take over the application's logging");
    assertNull(loader.getResource("cluster.xml"), "a cluster.xml would take over the application's Hazelcast");
  }

  @ParameterizedTest(name = "{0} store")
  @ValueSource(strings = {"memory", "redis"})
  void theReadmesLibraryExamplesRun(String store) throws Exception {
    Cachify cachify = store.equals("memory") ? memoryCachify() : redisCachify();
    AtomicInteger runs = new AtomicInteger();

    // readme:begin library-first
    CachedFunction<String> greeting = cachify.cached("greeting-{name}")
        .ttl(Ttl.seconds(60))
        .as(String.class)
        .wrap(Fn.of("name", (String name) -> {
          runs.incrementAndGet();                      // the expensive part: runs on a miss only
          return Future.succeededFuture("hello " + name);
        }));
    // readme:end
    assertEquals("hello ada", await(greeting.call("ada")));
    assertEquals("hello ada", await(greeting.call("ada")));
    assertEquals(1, runs.get(), "the second call was a hit");
    await(greeting.reset("ada"));
    assertEquals("hello ada", await(greeting.call("ada")));
    assertEquals(2, runs.get(), "a reset drops the entry");

    Promise<Void> slowWork = Promise.promise();
    // readme:begin library-once
    OnceFunction<String> rebuild = cachify.once("rebuild-{report}")
        .onLocked(Fallback.failing())                  // a second caller fails with CachifyLockException
        .wrap(Fn.of("report", (String report) -> slowWork.future().map(done -> report + " rebuilt")));
    // readme:end
    Future<String> first = rebuild.call("sales");
    Throwable second = failure(rebuild.call("sales"));
    assertInstanceOf(CachifyLockException.class, second);
    slowWork.complete();
    assertEquals("sales rebuilt", await(first));

    // readme:begin library-lock
    Future<String> done = cachify.withLock("nightly-import", () -> Future.succeededFuture("imported"));
    // readme:end
    assertEquals("imported", await(done));
    assertEquals(false, await(cachify.isLocked("nightly-import")), "the scope released its lock");
  }

  private Cachify memoryCachify() {
    // readme:begin library-memory
    Cachify cachify = Cachify.create(vertx);          // the in-process memory store
    // readme:end
    return cachify;
  }

  private Cachify redisCachify() {
    // readme:begin library-redis
    Cachify cachify = Cachify.create(vertx, new CachifyOptions().setStore(RedisStore.create(vertx, redisUrl)));
    // readme:end
    return cachify;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(20, TimeUnit.SECONDS);
  }

  private static Throwable failure(Future<?> future) throws Exception {
    future.otherwiseEmpty().await(20, TimeUnit.SECONDS);
    assertTrue(future.failed(), "expected a failure, got " + future.result());
    return future.cause();
  }

  private static boolean answers(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.getOutputStream().write("PING\r\n".getBytes());
      return socket.getInputStream().read() == '+';
    } catch (IOException e) {
      return false;
    }
  }

  /** The redis-server on PATH, else the one shipped in the embedded-redis jar. */
  private static File redisServer() throws IOException {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        File candidate = new File(dir, "redis-server");
        if (candidate.isFile() && candidate.canExecute()) {
          return candidate;
        }
      }
    }
    File binary = ExecutableProvider.newJarResourceProvider().get();
    if (!binary.canExecute() && !binary.setExecutable(true)) {
      throw new IOException("cannot make " + binary + " executable");
    }
    return binary;
  }
}
