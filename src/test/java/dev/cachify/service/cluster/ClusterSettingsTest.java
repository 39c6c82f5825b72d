package dev.cachify.service.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.NetworkConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CLUSTER_* environment and what it changes in the Hazelcast configuration of conf/cluster.xml. */
class ClusterSettingsTest {

  @Test
  void withoutEnvironmentTheFileDecides() {
    Config config = HazelcastConfigs.load(ClusterSettings.fromEnvironment(Map.of()));

    assertThat(config.getClusterName()).isEqualTo("cachify");
    NetworkConfig network = config.getNetworkConfig();
    assertThat(network.getPort()).isEqualTo(5701);
    assertThat(network.getJoin().getTcpIpConfig().getMembers()).containsExactly("127.0.0.1");
    assertThat(network.getJoin().getMulticastConfig().isEnabled()).isFalse();
    assertThat(network.getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
    assertThat(config.getProperty("hazelcast.wait.seconds.before.join")).isEqualTo("0");
    assertThat(config.getMultiMapConfigs()).containsKey("__vertx.subs");
  }

  @Test
  void theEnvironmentSetsNameMembersPortAndAddresses() {
    ClusterSettings settings = ClusterSettings.fromEnvironment(Map.of("CLUSTER_NAME", "shop",
      "CLUSTER_MEMBERS", " node1, node2:5702 ,, node3 ", "CLUSTER_HOST", "0.0.0.0", "CLUSTER_PUBLIC_HOST", "node2",
      "CLUSTER_PORT", "5800"));
    Config config = HazelcastConfigs.load(settings);

    assertThat(config.getClusterName()).isEqualTo("shop");
    assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
      .containsExactly("node1", "node2:5702", "node3");
    assertThat(config.getNetworkConfig().getPort()).isEqualTo(5800);
    assertThat(config.getNetworkConfig().getInterfaces().isEnabled()).isFalse();
    assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("true");
    assertThat(config.getNetworkConfig().getPublicAddress()).isEqualTo("node2");
    assertThat(settings.advertisedHost()).isEqualTo("node2");
  }

  @Test
  void aHostNameBindsItsAddress() {
    Config config = HazelcastConfigs.load(ClusterSettings.fromEnvironment(Map.of("CLUSTER_HOST", "localhost")));

    assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
    assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
  }

  @Test
  void badSettingsAreRefusedWithTheirName() {
    assertThatThrownBy(() -> ClusterSettings.fromEnvironment(Map.of("CLUSTER_HOST", "0.0.0.0")))
      .hasMessageContaining("CLUSTER_HOST=0.0.0.0 needs CLUSTER_PUBLIC_HOST");
    assertThatThrownBy(() -> ClusterSettings.fromEnvironment(Map.of("CLUSTER_PORT", "70000")))
      .hasMessageContaining("CLUSTER_PORT must be 1..65535, got '70000'");
    assertThatThrownBy(() -> ClusterSettings.fromEnvironment(Map.of("CLUSTER_PORT", "five")))
      .hasMessageContaining("CLUSTER_PORT");
    assertThatThrownBy(() -> HazelcastConfigs.load(new ClusterSettings(null, List.of(), "no-such-host.invalid", null, null)))
      .hasMessageContaining("CLUSTER_HOST 'no-such-host.invalid' does not resolve");
  }
}
