package dev.cachify.store.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where fence counters go: beside the lock (ACL prefixes hold), in its hash slot on Redis Cluster. */
class FenceKeysTest {

  @Test
  void besideTheLockOutsideRedisCluster() {
    assertThat(new FenceKeys(false).counterOf("app:orders")).isEqualTo("app:orders:fence");
  }

  @Test
  void inTheLocksHashSlotOnRedisCluster() {
    FenceKeys cluster = new FenceKeys(true);
    assertThat(cluster.counterOf("app:orders")).isEqualTo("{app:orders}:fence");
    assertThat(cluster.counterOf("app:{tenant-7}:orders")).isEqualTo("app:{tenant-7}:orders:fence");
    assertThat(cluster.counterOf("app:{}:orders")).isEqualTo("{app:{}:orders}:fence");
  }
}
