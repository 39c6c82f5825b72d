package dev.cachify.service.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.XmlConfigBuilder;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Hazelcast configuration of a node: {@code conf/cluster.xml} from the working directory, else
 * the copy packaged in the jar, then {@link ClusterSettings} from the environment on top.
 */
public final class HazelcastConfigs {

  public static final Path CONFIG_FILE = Path.of("conf", "cluster.xml");

  static {
    // Hazelcast picks its logger before it reads any Config: route it to SLF4J from the start.
    System.setProperty("hazelcast.logging.type", "slf4j");
  }

  private HazelcastConfigs() {
  }

  /** The file's settings with the environment's overrides. */
  public static Config load(ClusterSettings settings) {
    Config config = Files.isRegularFile(CONFIG_FILE) ? fromFile(CONFIG_FILE) : ConfigUtil.loadConfig();
    return apply(config, settings);
  }

  /** Overrides {@code config}'s name, members, interface and port by what {@code settings} give. */
  public static Config apply(Config config, ClusterSettings settings) {
    if (settings.name() != null) {
      config.setClusterName(settings.name());
    }
    NetworkConfig network = config.getNetworkConfig();
    if (settings.port() != null) {
      network.setPort(settings.port());
    }
    if (!settings.members().isEmpty()) {
      network.getJoin().getTcpIpConfig().setEnabled(true).setMembers(settings.members());
    }
    if (settings.host() != null) {
      if (ClusterSettings.ANY_HOST.equals(settings.host())) {
        network.getInterfaces().setEnabled(false).clear();
        config.setProperty("hazelcast.socket.bind.any", "true");
      } else {
        network.getInterfaces().setEnabled(true).clear().addInterface(ipOf(settings.host()));
        config.setProperty("hazelcast.socket.bind.any", "false");
      }
    }
    if (settings.publicHost() != null) {
      network.setPublicAddress(settings.publicHost());
    }
    return config;
  }

  private static Config fromFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new XmlConfigBuilder(in).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  // Hazelcast's interface list takes addresses, not names.
  private static String ipOf(String host) {
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("invalid configuration: CLUSTER_HOST '" + host + "' does not resolve", e);
    }
  }
}
