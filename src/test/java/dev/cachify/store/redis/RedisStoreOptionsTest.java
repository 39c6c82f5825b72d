package dev.cachify.store.redis;

import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TLS settings of {@link RedisStoreOptions} and how they reach the driver. */
class RedisStoreOptionsTest {

  @Test
  void caFileDefaultsToTheJvmsTrustedAuthorities() {
    RedisStoreOptions options = RedisStoreOptions.fromUrl("rediss://redis.example:6380");

    assertThat(options.getCaFile()).isNull();
    assertThat(options.toRedisOptions().getNetClientOptions().getTrustOptions()).isNull();
  }

  @Test
  void caFileIsTrustedAndHostNamesAreVerified() {
    RedisStoreOptions options = RedisStoreOptions.fromUrl("rediss://redis.example:6380").setCaFile("/etc/ca.pem");

    var net = options.toRedisOptions().getNetClientOptions();
    assertThat(net.getTrustOptions()).isInstanceOfSatisfying(PemTrustOptions.class,
      trust -> assertThat(trust.getCertPaths()).containsExactly("/etc/ca.pem"));
    assertThat(net.getHostnameVerificationAlgorithm()).isEqualTo("HTTPS");
  }

  @Test
  void caFileTravelsThroughJsonAndCopies() {
    RedisStoreOptions options = new RedisStoreOptions(new JsonObject()
      .put("connectionString", "rediss://redis.example:6380").put("caFile", "/etc/ca.pem"));

    assertThat(options.getCaFile()).isEqualTo("/etc/ca.pem");
    assertThat(options.toJson().getString("caFile")).isEqualTo("/etc/ca.pem");
    assertThat(new RedisStoreOptions(options).getCaFile()).isEqualTo("/etc/ca.pem");
  }

  @Test
  void reconnectDelaysHaveDefaultsAndTravelThroughJsonAndCopies() {
    RedisStoreOptions defaults = new RedisStoreOptions();
    assertThat(defaults.getReconnectDelayMillis()).isEqualTo(50);
    assertThat(defaults.getReconnectMaxDelayMillis()).isEqualTo(500);

    RedisStoreOptions options = new RedisStoreOptions(new JsonObject()
      .put("reconnectDelayMillis", 20).put("reconnectMaxDelayMillis", 1_000));
    assertThat(options.getReconnectDelayMillis()).isEqualTo(20);
    assertThat(new RedisStoreOptions(options.toJson()).getReconnectMaxDelayMillis()).isEqualTo(1_000);
    assertThat(new RedisStoreOptions(options).getReconnectMaxDelayMillis()).isEqualTo(1_000);
    assertThatThrownBy(() -> options.setReconnectDelayMillis(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
