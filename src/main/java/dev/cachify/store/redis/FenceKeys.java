package dev.cachify.store.redis;

/**
 * Where a lock's fencing counter lives: in the lock's hash slot, so the acquisition script runs
 * on Redis Cluster. A key with a hash tag ({@code {tag}}) keeps it; any other key becomes the tag.
 * (An untagged key that holds a '}' gets its counter in another slot: fine outside Redis Cluster.)
 */
final class FenceKeys {

  private static final String SUFFIX = ":fence";

  private FenceKeys() {
  }

  static String counterOf(String lockKey) {
    return hasHashTag(lockKey) ? lockKey + SUFFIX : "{" + lockKey + "}" + SUFFIX;
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
