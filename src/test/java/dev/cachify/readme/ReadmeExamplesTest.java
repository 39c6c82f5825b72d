package dev.cachify.readme;

import dev.cachify.Cachify;
import dev.cachify.CachifyClosedException;
import dev.cachify.CachifyOptions;
import dev.cachify.bus.CacheValue;
import dev.cachify.bus.CachifyService;
import dev.cachify.bus.CachifyVerticle;
import dev.cachify.bus.LoadRequest;
import dev.cachify.bus.LoaderOptions;
import dev.cachify.bus.LockRequest;
import dev.cachify.Ttl;
import dev.cachify.cache.CachedFunction;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Fn;
import dev.cachify.lock.CachifyLockException;
import dev.cachify.lock.OnceFunction;
import dev.cachify.store.memory.MemoryStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.cachify.contract.Await.await;
import static dev.cachify.contract.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs the README's examples: the code between {@code readme:begin NAME} and {@code readme:end}
 * below must appear verbatim in README.md, so the documentation cannot drift from working code.
 */
@ExtendWith(VertxExtension.class)
class ReadmeExamplesTest {

  record User(long id, String name, String email) {
  }

  record UserChanges(String name, String email) {
  }

  /** Stands in for the users service's database: counts reads; an update waits for the test's go. */
  static final class UserRepository {
    final Map<Long, User> rows = new ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();
    final Promise<Void> updateMayFinish = Promise.promise();

    Future<User> find(long id) {
      reads.incrementAndGet();
      return Future.succeededFuture(rows.get(id));
    }

    Future<User> update(long id, UserChanges changes) {
      return updateMayFinish.future()
        .map(go -> rows.compute(id, (k, old) -> new User(id, changes.name(), changes.email())));
    }
  }

  @Test
  void cachedReadAndOnceGuardedUpdate(Vertx vertx) {
    UserRepository repository = new UserRepository();
    repository.rows.put(1L, new User(1, "Ada", "ada@example.com"));

    // readme:begin setup
    Cachify cachify = Cachify.create(vertx); // memory store; CachifyOptions picks Redis or shared data
    // readme:end

    // readme:begin cached-read
    CachedFunction<User> readUser = cachify.cached("read_user-{userId}")
        .ttl(Ttl.seconds(300))
        .as(User.class)
        .wrap(Fn.of("userId", (Long userId) -> repository.find(userId)));
    // readme:end

    // readme:begin once-update
    OnceFunction<User> updateUser = cachify.once("update-user-{userId}")
        .onLocked(Fallback.failing()) // a concurrent update fails with CachifyLockException
        .wrap(Fn.of("userId", "changes", (Long userId, UserChanges changes) ->
            repository.update(userId, changes)
                .compose(user -> readUser.reset(userId).map(user)))); // reset after the commit
    // readme:end

    assertThat(await(readUser.call(1L)).name()).isEqualTo("Ada");
    assertThat(await(readUser.call(1L)).name()).isEqualTo("Ada");
    assertThat(repository.reads).as("the second read is a hit").hasValue(1);

    // readme:begin arguments
    Future<User> sameEntry = readUser.call(1); // an Integer widens to the declared Long: call(1L)'s entry
    Future<User> refused = readUser.call("1"); // fails, hit or miss: 'userId' is declared java.lang.Long
    // readme:end
    assertThat(await(sameEntry).name()).isEqualTo("Ada");
    assertThat(repository.reads).as("call(1) hits the entry of call(1L)").hasValue(1);
    assertThat(failure(refused)).isInstanceOf(IllegalArgumentException.class)
      .hasMessage("argument 'userId' is a java.lang.String, but the parameter is declared java.lang.Long;"
        + " parameters are (userId)");

    Future<User> update = updateUser.call(1L, new UserChanges("Grace", "grace@example.com"));
    org.awaitility.Awaitility.await().until(() -> await(updateUser.isLocked(1L, null)));
    assertThat(failure(updateUser.call(1L, new UserChanges("Other", "o@example.com"))))
      .isInstanceOf(CachifyLockException.class)
      .hasMessage("PYC-update-user-1-once is already locked!");
    repository.updateMayFinish.complete();
    assertThat(await(update).name()).isEqualTo("Grace");
    assertThat(await(readUser.call(1L)).name()).as("the reset dropped the old entry").isEqualTo("Grace");
    assertThat(repository.reads).hasValue(2);
  }

  /** Stands in for another service's work on user 5: runs until the test completes it. */
  private final Promise<Void> migration = Promise.promise();

  private Future<Void> migrateUser(int id) {
    return migration.future();
  }

  @Test
  void aLockTakenThroughTheTypedClientHoldsWhileTheWorkRuns(Vertx vertx) {
    Cachify nodeCachify = Cachify.create(vertx);
    await(vertx.deployVerticle(new CachifyVerticle(nodeCachify)));

    // readme:begin typed-client
    CachifyService cachify = CachifyService.createProxy(vertx);
    cachify.acquireLock("update-user-5-once", new LockRequest().setExpMs(10_000L))
        .compose(grant -> migrateUser(5).eventually(() -> cachify.releaseLock(grant.getKey(), grant.getToken())));
    // readme:end

    org.awaitility.Awaitility.await().until(() -> await(nodeCachify.isLocked("update-user-5-once")));
    migration.complete();
    org.awaitility.Awaitility.await().until(() -> !await(nodeCachify.isLocked("update-user-5-once")));
  }

  /** Stands in for a remote source of exchange rates: counts its calls. */
  static final class RateSource {
    final AtomicInteger calls = new AtomicInteger();

    Future<Object> fetch(String currency) {
      calls.incrementAndGet();
      return Future.succeededFuture(new JsonObject().put("currency", currency).put("rate", 1.08));
    }
  }

  @Test
  void anEntryReadThroughAndALoadThroughTheTypedClientAskTheirLoaderOnce(Vertx vertx) {
    Cachify cachify = Cachify.create(vertx);
    RateSource rates = new RateSource();

    // readme:begin entry-read-through
    Future<Object> rate = cachify.entry("rates-EUR")
        .getOrLoad(Ttl.seconds(60), () -> rates.fetch("EUR")); // one fetch per miss, cluster-wide
    // readme:end
    assertThat(await(rate)).isEqualTo(await(cachify.entry("rates-EUR").getOrLoad(Ttl.seconds(60), () -> rates.fetch("EUR"))));
    assertThat(rates.calls).hasValue(1);

    RateSource remote = new RateSource();
    vertx.eventBus().<JsonObject>consumer("loaders.rates", (Message<JsonObject> request) ->
      remote.fetch(request.body().getString("currency")).onSuccess(request::reply));
    await(vertx.deployVerticle(new CachifyVerticle(Cachify.create(vertx),
      new LoaderOptions().setAddressRegex("loaders\\..+"))));
    CachifyService service = CachifyService.createProxy(vertx);
    for (int i = 0; i < 2; i++) {
      assertThat(await(typedLoad(service))).isEqualTo(new JsonObject().put("currency", "EUR").put("rate", 1.08));
    }
    assertThat(remote.calls).as("the second load is a hit").hasValue(1);
  }

  private static Future<Object> typedLoad(CachifyService cachify) {
    // readme:begin typed-load
    Future<Object> rate = cachify.load("rates-EUR", new LoadRequest().setLoader("loaders.rates")
            .setBody(new JsonObject().put("currency", "EUR")).setTtlMs(60_000L))
        .map(CacheValue::getValue);
    // readme:end
    return rate;
  }

  @Test
  void closeReleasesWhatTheInstanceHoldsAndLeavesTheCallersStoreToTheCaller(Vertx vertx) {
    MemoryStore store = MemoryStore.create();
    Cachify cachify = Cachify.create(vertx, new CachifyOptions().setStore(store));
    await(cachify.lock("nightly-export").exp(Ttl.NEVER).acquire());
    Cachify other = Cachify.create(vertx, new CachifyOptions().setStore(store));

    // readme:begin close
    Future<Void> stopped = cachify.close()   // releases what it holds for work in this process
        .compose(v -> store.close());        // a store you passed in is yours to close
    // readme:end

    await(stopped);
    assertThatThrownBy(() -> cachify.lock("nightly-export")).isInstanceOf(CachifyClosedException.class);
    assertThat(await(store.isLocked("PYC-nightly-export"))).as("released, not left to its lease").isFalse();
    await(other.close());
  }

  @Test
  void readmeShowsTheseExamplesVerbatim() throws IOException {
    // The users service's typed client runs against a real node in its own suite, the library
    // guide's first examples in the consumer build (a project that depends on the library alone).
    String source = Files.readString(Path.of("src/test/java/dev/cachify/readme/ReadmeExamplesTest.java"))
      + Files.readString(Path.of("src/test/java/dev/cachify/service/users/bus/UsersBusTest.java"))
      + Files.readString(Path.of("src/it/consumer/src/test/java/dev/cachify/consumer/LibraryUseTest.java"));
    String readme = Files.readString(Path.of("README.md"));
    Matcher region = Pattern.compile("// readme:begin ([\\w-]+)\\n(.*?)\\n\\s*// readme:end", Pattern.DOTALL)
      .matcher(source);
    int found = 0;
    while (region.find()) {
      found++;
      String code = region.group(2).replaceAll("(?m)^ {4}", "");
      assertThat(readme).as("README shows example '%s'", region.group(1)).contains(code);
    }
    assertThat(found).isEqualTo(14);
  }
}
