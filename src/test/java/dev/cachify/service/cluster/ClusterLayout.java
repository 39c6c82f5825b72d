package dev.cachify.service.cluster;

import dev.cachify.testsupport.ClusterSupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The environment of the nodes of one test cluster: a cluster name of its own, one Hazelcast port
 * and one HTTP port per node, every node listing all of them as members, on loopback.
 */
final class ClusterLayout {

  private final String clusterName;
  private final List<Integer> hazelcastPorts;
  private final Map<String, String> common = new HashMap<>();

  ClusterLayout(String purpose, int nodes) {
    this.clusterName = ClusterSupport.uniqueClusterName(purpose);
    this.hazelcastPorts = IntStream.range(0, nodes).mapToObj(i -> NodeProcess.freePort()).toList();
    common.put("CLUSTER_NAME", clusterName);
    common.put("CLUSTER_HOST", "127.0.0.1");
    common.put("CLUSTER_MEMBERS", String.join(",", seeds()));
    common.put("HTTP_INSTANCES", "1");
  }

  /** A setting every node gets. */
  ClusterLayout with(String name, String value) {
    common.put(name, value);
    return this;
  }

  /** The environment of node {@code index}, with its own ports and {@code extra} settings. */
  Map<String, String> node(int index, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(common);
    env.put("CLUSTER_PORT", String.valueOf(hazelcastPorts.get(index)));
    env.put("HTTP_PORT", String.valueOf(NodeProcess.freePort()));
    env.putAll(extra);
    return env;
  }

  String clusterName() {
    return clusterName;
  }

  /** {@code 127.0.0.1:port} of every node, for a member that joins from the test JVM. */
  List<String> seeds() {
    return hazelcastPorts.stream().map(port -> "127.0.0.1:" + port).toList();
  }
}
