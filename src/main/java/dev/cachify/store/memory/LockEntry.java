package dev.cachify.store.memory;

/** A held lock: the holder's token and when the lock expires. */
record LockEntry(String token, long deadline) implements StoreEntry {

  boolean isHeldBy(String candidate, long now) {
    return isLive(now) && token.equals(candidate);
  }
}
