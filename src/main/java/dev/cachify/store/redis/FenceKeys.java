package dev.cachify.store.redis;

/**
 * Where a lock's fencing counter lives: {@code <lock key>:fence}, beside the lock, so a Redis ACL
 * user allowed the lock's keys ({@code ~app:*}) may use its counter too. On Redis Cluster the two
 * must share a hash slot for the acquisition script: a key with a hash tag ({@code {tag}}) keeps
 * it; any other key becomes the tag ({@code {<lock key>}:fence}). (An untagged key holding a '}'
 * cannot be tagged that way; give such keys a tag of their own on Redis Cluster.)
 */
final class FenceKeys {

  private static final String SUFFIX = ":fence";

  private final boolean cluster;

  FenceKeys(boolean cluster) {
    this.cluster = cluster;
  }

  String counterOf(String lockKey) {
    return !cluster || hasHashTag(lockKey) ? lockKey + SUFFIX : "{" + lockKey + "}" + SUFFIX;
  }

  /** Redis's rule: the first '{' followed, later, by a '}' with something in between. */
  static boolean hasHashTag(String key) {
    int open = key.indexOf('{');
    if (open < 0) {
      return false;
    }
    int close = key.indexOf('}', open + 1);
    return close > open + 1;
  }
}
