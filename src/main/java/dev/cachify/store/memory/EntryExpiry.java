package dev.cachify.store.memory;

import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Caffeine's per-entry expiry read from the instant each entry carries: writes set it, reads leave
 * it alone (a TTL counts from the write, as in Redis).
 */
final class EntryExpiry implements Expiry<String, StoreEntry> {

  @Override
  public long expireAfterCreate(String key, StoreEntry entry, long currentTime) {
    return Deadlines.remaining(entry.deadline(), currentTime);
  }

  @Override
  public long expireAfterUpdate(String key, StoreEntry entry, long currentTime, long currentDuration) {
    return Deadlines.remaining(entry.deadline(), currentTime);
  }

  @Override
  public long expireAfterRead(String key, StoreEntry entry, long currentTime, long currentDuration) {
    return currentDuration;
  }
}
