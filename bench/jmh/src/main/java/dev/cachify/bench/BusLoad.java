package dev.cachify.bench;

import dev.cachify.Cachify;
import dev.cachify.CachifyOptions;
import dev.cachify.Ttl;
import dev.cachify.service.cluster.ClusterSettings;
import dev.cachify.service.cluster.HazelcastConfigs;
import dev.cachify.store.redis.RedisStore;
import dev.cachify.service.users.UserService;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The event-bus service measured from a second clustered JVM, beside the same operations run
 * in-process on the Redis store, in one run: closed-loop load with a fixed number of requests in
 * flight, spread over this JVM's event loops, each case warmed up, then measured for a while.
 *
 * <pre>
 * CLUSTER_NAME=bench java -cp benchmarks.jar dev.cachify.bench.BusLoad redis://127.0.0.1:PORT USER_ID [SECONDS] [WARMUP] [IN_FLIGHT] [CASE,...]
 * </pre>
 *
 * The node (started with {@code -cluster}, the same CLUSTER_NAME and REDIS_URL, and
 * {@code CACHIFY_LOADER_ADDRESSES=bench\.loader}) must already serve user USER_ID. Prints one TSV
 * line a case: {@code case ops_per_s p50_us p99_us operations errors cpu_us_per_op}, the last the CPU
 * time per operation of this JVM, and of the processes NODE_PID and REDIS_PID (environment) when given,
 * as {@code load+node+redis}.
 */
public final class BusLoad {

  private static final String LOADER = "bench.loader";
  private static final DeliveryOptions TIMEOUT = new DeliveryOptions().setSendTimeout(10_000);

  private final Vertx vertx;
  private final EventBus bus;
  private final Cachify cachify;
  private final UserService users;
  private final long userId;

  private BusLoad(Vertx vertx, String redisUrl, long userId) {
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    // The node's prefix and store: the in-process cases read the very entries the node serves.
    this.cachify = Cachify.create(vertx, new CachifyOptions().setStore(RedisStore.create(vertx, redisUrl)).setPrefix("PYC-"));
    this.users = new UserService(vertx, cachify, Ttl.seconds(300), Ttl.seconds(30), 30_000, false);
    this.userId = userId;
  }

  public static void main(String[] args) throws Exception {
    String redisUrl = args[0];
    long userId = Long.parseLong(args[1]);
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    int inFlight = args.length > 4 ? Integer.parseInt(args[4]) : 64;
    List<String> only = args.length > 5 ? List.of(args[5].split(",")) : List.of();
    HazelcastClusterManager manager = new HazelcastClusterManager(
      HazelcastConfigs.load(ClusterSettings.fromEnvironment(System.getenv())));
    Vertx vertx = Vertx.builder().withClusterManager(manager).buildClustered().await(60, TimeUnit.SECONDS);
    try {
      new BusLoad(vertx, redisUrl, userId).run(seconds, warmup, inFlight, only);
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private void run(int seconds, int warmup, int inFlight, List<String> only) throws Exception {
    // The loader answers the one miss of the load cases; everything measured afterwards is a hit.
    bus.consumer(LOADER, message -> message.reply(new JsonObject().put("loaded", "by the bench")))
      .completion().await(30, TimeUnit.SECONDS);
    bus.request("cachify.cache.set", new JsonObject().put("key", "bench-key").put("value", new JsonObject()
      .put("id", 1).put("name", "cached value")).put("ttlMs", 3_600_000), TIMEOUT).await(30, TimeUnit.SECONDS);
    Map<String, IntFunction<Future<?>>> cases = new LinkedHashMap<>();
    // The floor of every bus case: a round trip to a bare consumer in another JVM (BusEcho).
    cases.put("bus-echo", worker -> bus.request(BusEcho.ADDRESS, new JsonObject().put("key", "bench-key"), TIMEOUT));
    cases.put("bus-cache-get", worker -> bus.request("cachify.cache.get", new JsonObject().put("key", "bench-key"), TIMEOUT));
    cases.put("inproc-cache-get", worker -> cachify.entry("bench-key").get());
    cases.put("bus-cache-load", worker -> bus.request("cachify.cache.load", new JsonObject().put("key", "bench-load")
      .put("ttlMs", 3_600_000).put("loader", LOADER).put("body", new JsonObject()), TIMEOUT));
    cases.put("inproc-cache-load", worker -> cachify.entry("bench-load")
      .getOrLoad(Ttl.seconds(3600), () -> bus.<Object>request(LOADER, new JsonObject(), TIMEOUT).map(Message::body)));
    cases.put("bus-users-get", worker -> bus.request("users.get", new JsonObject().put("id", userId), TIMEOUT));
    cases.put("inproc-users-get", worker -> users.readJson(userId));
    cases.put("bus-lock", worker -> {
      String key = "bench-bus-lock-" + worker;
      return bus.<JsonObject>request("cachify.lock.acquire", new JsonObject().put("key", key).put("expMs", 30_000), TIMEOUT)
        .compose(grant -> bus.request("cachify.lock.release", new JsonObject().put("key", key)
          .put("token", grant.body().getString("token")), TIMEOUT));
    });
    cases.put("inproc-lock", worker -> cachify.lock("bench-inproc-lock-" + worker).acquire().compose(lock -> lock.release()));
    List<String> names = only.isEmpty() ? List.copyOf(cases.keySet()) : only;
    for (String name : names) {
      if (!cases.containsKey(name)) {
        throw new IllegalArgumentException("no case " + name + "; the cases: " + cases.keySet());
      }
    }
    // Every path compiled and every connection open before anything counts: the first case measured
    // ran at half its rate without this.
    for (String name : names) {
      measure(cases.get(name), 0, warmup, inFlight);
    }
    for (String name : names) {
      IntFunction<Future<?>> operation = cases.get(name);
      Result result = measure(operation, seconds, warmup, inFlight);
      System.out.printf("%s\t%.0f\t%d\t%d\t%d\t%d\t%s%n", name, result.opsPerSecond(), result.p50Micros(),
        result.p99Micros(), result.operations(), result.errors(), result.cpuPerOperation());
    }
  }

  /** {@code inFlight} loops, each starting its next operation when the last one ended. */
  private Result measure(IntFunction<Future<?>> operation, int seconds, int warmup, int inFlight) throws Exception {
    int contexts = Math.max(1, Runtime.getRuntime().availableProcessors());
    List<Loop> loops = new ArrayList<>();
    for (int c = 0; c < contexts; c++) {
      Context context = vertx.getOrCreateContext();
      for (int i = c; i < inFlight; i += contexts) {
        loops.add(new Loop(context, operation, i));
      }
    }
    loops.forEach(Loop::start);
    Thread.sleep(Duration.ofSeconds(warmup).toMillis()); // a benchmark's warm-up, not a test's wait
    loops.forEach(Loop::reset);
    long began = System.nanoTime();
    long[] cpuBefore = ProcessCpu.now();
    Thread.sleep(Duration.ofSeconds(seconds).toMillis());
    List<Future<Histogram>> stopped = loops.stream().map(Loop::stop).toList();
    long[] cpuAfter = ProcessCpu.now();
    double elapsed = (System.nanoTime() - began) / 1e9;
    Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
    long errors = 0;
    for (int i = 0; i < loops.size(); i++) {
      all.add(stopped.get(i).await(30, TimeUnit.SECONDS));
      errors += loops.get(i).errors;
    }
    // Operations completed in the window, a few finishing after it: their share of the CPU is noise.
    long count = Math.max(1, all.getTotalCount());
    StringBuilder cpu = new StringBuilder();
    for (int i = 0; i < cpuBefore.length; i++) {
      cpu.append(i == 0 ? "" : "+").append(cpuBefore[i] < 0 ? "?" : String.format("%.1f",
        (cpuAfter[i] - cpuBefore[i]) / 1000.0 / count));
    }
    return new Result(all.getTotalCount() / elapsed, all.getValueAtPercentile(50) / 1000,
      all.getValueAtPercentile(99) / 1000, all.getTotalCount(), errors, cpu.toString());
  }

  record Result(double opsPerSecond, long p50Micros, long p99Micros, long operations, long errors,
                String cpuPerOperation) {
  }

  /** CPU time in nanoseconds of this JVM, then of NODE_PID and REDIS_PID (-1 when unknown). */
  static final class ProcessCpu {

    private static final long NANOS_PER_TICK = 10_000_000; // USER_HZ is 100 on Linux

    static long[] now() {
      long self = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
      return new long[] {self, ofPid(System.getenv("NODE_PID")), ofPid(System.getenv("REDIS_PID"))};
    }

    private static long ofPid(String pid) {
      if (pid == null || pid.isBlank()) {
        return -1;
      }
      try {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid.trim(), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK; // utime, stime
      } catch (java.io.IOException | RuntimeException e) {
        return -1;
      }
    }
  }

  /** One request in flight at a time, on one event loop: what it records is read there too. */
  private static final class Loop {

    private final Context context;
    private final IntFunction<Future<?>> operation;
    private final int worker;
    private final Histogram latencies = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
    private Promise<Histogram> stopping;
    private long errors;
    /** Set while an operation is being issued: one that completes at once loops instead of recursing. */
    private boolean issuing;
    private boolean again;

    Loop(Context context, IntFunction<Future<?>> operation, int worker) {
      this.context = context;
      this.operation = operation;
      this.worker = worker;
    }

    void start() {
      context.runOnContext(v -> next());
    }

    void reset() {
      context.runOnContext(v -> {
        latencies.reset();
        errors = 0;
      });
    }

    Future<Histogram> stop() {
      Promise<Histogram> done = Promise.promise();
      context.runOnContext(v -> stopping = done);
      return done.future();
    }

    private void next() {
      if (issuing) {
        again = true;
        return;
      }
      issuing = true;
      do {
        again = false;
        if (stopping != null) {
          stopping.complete(latencies.copy());
          break;
        }
        long began = System.nanoTime();
        operation.apply(worker).onComplete(result -> {
          latencies.recordValue(Math.min(System.nanoTime() - began, latencies.getHighestTrackableValue()));
          if (result.failed()) {
            errors++;
          }
          next();
        });
      } while (again);
      issuing = false;
    }
  }
}
