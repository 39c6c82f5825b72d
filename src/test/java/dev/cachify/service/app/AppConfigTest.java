package dev.cachify.service.app;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Store choice, roles and the TCP bridge settings, as a node reads them. */
class AppConfigTest {

  @Test
  void theStoreIsMemoryAloneSharedDataInAClusterAndRedisWhenAUrlIsGiven() {
    assertThat(AppConfig.from(new JsonObject(), false).store()).isEqualTo("memory");
    assertThat(AppConfig.from(new JsonObject(), true).store()).isEqualTo("shared-data");
    assertThat(AppConfig.from(new JsonObject().put("REDIS_URL", "redis://127.0.0.1:6379"), true).store()).isEqualTo("redis");
    assertThat(AppConfig.from(new JsonObject().put("CACHIFY_STORE", "memory"), true).store()).isEqualTo("memory");
  }

  @Test
  void aNodeHasEveryRoleByDefaultAndTheBridgeIsOffOnLoopback() {
    AppConfig config = AppConfig.from(new JsonObject());

    assertThat(config.roles()).containsExactly("http", "data", "cachify");
    assertThat(config.tcpBridgeEnabled()).isFalse();
    assertThat(config.tcpBridgeHost()).isEqualTo("127.0.0.1");
    assertThat(config.tcpBridgePort()).isEqualTo(7000);
  }

  @Test
  void settingsFromTheEnvironmentArriveAsText() {
    AppConfig config = AppConfig.from(new JsonObject().put("ROLES", " HTTP, cachify ").put("TCP_BRIDGE_ENABLED", "true")
      .put("TCP_BRIDGE_PORT", "7100"));

    assertThat(config.roles()).containsExactly("http", "cachify");
    assertThat(config.tcpBridgeEnabled()).isTrue();
    assertThat(config.tcpBridgePort()).isEqualTo(7100);
  }

  @Test
  void badSettingsNameThemselves() {
    assertThatThrownBy(() -> AppConfig.from(new JsonObject().put("ROLES", "http,cache")))
      .hasMessageContaining("ROLES must list some of [http, data, cachify], got [http, cache]");
    assertThatThrownBy(() -> AppConfig.from(new JsonObject().put("TCP_BRIDGE_ENABLED", "maybe")))
      .hasMessageContaining("TCP_BRIDGE_ENABLED must be true or false, got 'maybe'");
    assertThatThrownBy(() -> AppConfig.from(new JsonObject().put("TCP_BRIDGE_PORT", 70000)))
      .hasMessageContaining("TCP_BRIDGE_PORT must be 0..65535");
  }

  @Test
  void loadsAskNoLoaderByDefaultAndWaitTenSecondsForOne() {
    AppConfig config = AppConfig.from(new JsonObject());
    assertThat(config.loaderAddresses()).isNull();
    assertThat(config.loaderTimeoutMs()).isEqualTo(10_000);

    AppConfig set = AppConfig.from(new JsonObject().put("CACHIFY_LOADER_ADDRESSES", " loaders\\..+ ")
      .put("CACHIFY_LOADER_TIMEOUT_MS", "2500"));
    assertThat(set.loaderAddresses()).isEqualTo("loaders\\..+");
    assertThat(set.loaderTimeoutMs()).isEqualTo(2_500);
  }

  @Test
  void badLoaderSettingsNameThemselvesInOneLine() {
    assertThatThrownBy(() -> AppConfig.from(new JsonObject().put("CACHIFY_LOADER_ADDRESSES", "loaders.(rates")))
      .hasMessage("invalid configuration: CACHIFY_LOADER_ADDRESSES 'loaders.(rates' is not a valid regex: "
        + "Unclosed group near index 14");
    assertThatThrownBy(() -> AppConfig.from(new JsonObject().put("CACHIFY_LOADER_TIMEOUT_MS", 0)))
      .hasMessageContaining("CACHIFY_LOADER_TIMEOUT_MS must be 1..300000, got 0");
  }

  @Test
  void aBridgeReachableFromOtherHostsNeedsAToken() {
    assertThatThrownBy(() -> AppConfig.from(new JsonObject().put("TCP_BRIDGE_ENABLED", "true").put("TCP_BRIDGE_HOST", "0.0.0.0")))
      .hasMessage("invalid configuration: BRIDGE_TOKEN is required: TCP_BRIDGE_HOST=0.0.0.0 is not loopback, so the "
        + "bridge is reachable from other hosts (set a BRIDGE_TOKEN of at least 16 characters, or bind to 127.0.0.1)");
    // The SockJS bridge is on the HTTP server, which listens on 0.0.0.0 by default.
    assertThatThrownBy(() -> AppConfig.from(new JsonObject().put("SOCKJS_BRIDGE_ENABLED", "true")))
      .hasMessageStartingWith("invalid configuration: BRIDGE_TOKEN is required: HTTP_HOST=0.0.0.0 is not loopback");
    assertThatThrownBy(() -> AppConfig.from(new JsonObject().put("TCP_BRIDGE_ENABLED", "true").put("TCP_BRIDGE_HOST", "10.0.0.5")
      .put("BRIDGE_TOKEN", "short")))
      .hasMessage("invalid configuration: BRIDGE_TOKEN must be at least 16 characters, got 5");

    for (String loopback : new String[] {"127.0.0.1", "127.1.2.3", "localhost", "::1"}) {
      assertThat(AppConfig.from(new JsonObject().put("TCP_BRIDGE_ENABLED", "true").put("TCP_BRIDGE_HOST", loopback))
        .bridgeToken()).isNull();
    }
    AppConfig open = AppConfig.from(new JsonObject().put("TCP_BRIDGE_ENABLED", "true").put("TCP_BRIDGE_HOST", "0.0.0.0")
      .put("SOCKJS_BRIDGE_ENABLED", "true").put("BRIDGE_TOKEN", "a-secret-of-20-chars"));
    assertThat(open.bridgeToken().matches("a-secret-of-20-chars")).isTrue();
    assertThat(open.bridgeToken().matches("a-secret-of-20-charz")).isFalse();
    assertThat(open.toString()).doesNotContain("a-secret").contains("bridgeToken=***");
  }

  @Test
  void theTcpBridgeFrameLimitHasADefaultAndBounds() {
    assertThat(AppConfig.from(new JsonObject()).tcpBridgeMaxFrameBytes()).isEqualTo(65_536);
    assertThat(AppConfig.from(new JsonObject().put("TCP_BRIDGE_MAX_FRAME_BYTES", "1024")).tcpBridgeMaxFrameBytes()).isEqualTo(1024);
    assertThatThrownBy(() -> AppConfig.from(new JsonObject().put("TCP_BRIDGE_MAX_FRAME_BYTES", 10)))
      .hasMessageContaining("TCP_BRIDGE_MAX_FRAME_BYTES must be 256..16777216, got 10");
  }
}
