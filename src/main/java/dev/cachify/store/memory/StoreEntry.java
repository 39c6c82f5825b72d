package dev.cachify.store.memory;

/**
 * What the memory store keeps under a key: a value, a lock or a pool. One sealed type in one
 * Caffeine cache, so a key holds exactly one of them and one {@link EntryExpiry} serves all.
 */
sealed interface StoreEntry permits ValueEntry, LockEntry, PoolEntry {

  /** When the entry expires, on the store's ticker; {@link Deadlines#NEVER} for never. */
  long deadline();

  /** Caffeine may hand an expired entry not yet evicted to {@code compute}: it counts as absent. */
  default boolean isLive(long now) {
    return !Deadlines.passed(deadline(), now);
  }
}
