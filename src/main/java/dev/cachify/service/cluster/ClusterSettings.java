package dev.cachify.service.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where a clustered node listens and whom it joins, from the environment; each absent setting keeps
 * what {@code conf/cluster.xml} says (loopback, port 5701, cluster {@code cachify}).
 *
 * <ul>
 *   <li>{@code CLUSTER_NAME}: nodes join only a cluster of the same name.</li>
 *   <li>{@code CLUSTER_MEMBERS}: comma-separated seeds, {@code host} or {@code host:port}.</li>
 *   <li>{@code CLUSTER_HOST}: the address Hazelcast and the event bus bind to; {@code 0.0.0.0} for
 *       every interface (containers).</li>
 *   <li>{@code CLUSTER_PUBLIC_HOST}: the name other nodes reach this one by (a compose service
 *       name); needed when {@code CLUSTER_HOST} is {@code 0.0.0.0}.</li>
 *   <li>{@code CLUSTER_PORT}: Hazelcast's first port; the next free one is taken when it is busy.</li>
 * </ul>
 */
public record ClusterSettings(String name, List<String> members, String host, String publicHost, Integer port) {

  public static final String ANY_HOST = "0.0.0.0";

  public static ClusterSettings fromEnvironment(Map<String, String> env) {
    String host = blankToNull(env.get("CLUSTER_HOST"));
    String publicHost = blankToNull(env.get("CLUSTER_PUBLIC_HOST"));
    String members = blankToNull(env.get("CLUSTER_MEMBERS"));
    String port = blankToNull(env.get("CLUSTER_PORT"));
    ClusterSettings settings = new ClusterSettings(
      blankToNull(env.get("CLUSTER_NAME")),
      members == null ? List.of() : Arrays.stream(members.split(",")).map(String::trim).filter(m -> !m.isEmpty()).toList(),
      host,
      publicHost,
      port == null ? null : parsePort(port));
    if (ANY_HOST.equals(host) && publicHost == null) {
      throw new IllegalArgumentException("invalid configuration: CLUSTER_HOST=0.0.0.0 needs CLUSTER_PUBLIC_HOST, "
        + "the name other nodes reach this one by");
    }
    return settings;
  }

  /** The address the event bus tells other nodes to connect to. */
  public String advertisedHost() {
    return publicHost != null ? publicHost : host;
  }

  private static int parsePort(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("invalid configuration: CLUSTER_PORT must be 1..65535, got '" + value + "'");
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
