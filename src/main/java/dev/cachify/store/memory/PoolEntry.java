package dev.cachify.store.memory;

import java.util.HashMap;
import java.util.Map;

/**
 * The held slots of a pool: token to slot expiry. Immutable: every change makes a new entry inside
 * {@code compute}, so readers never see a half-made pool. The entry lives as long as its longest
 * slot; expired slots are dropped whenever the pool is changed and never counted.
 */
final class PoolEntry implements StoreEntry {

  static final PoolEntry EMPTY = new PoolEntry(Map.of());

  private final Map<String, Long> slots;
  private final long deadline;

  private PoolEntry(Map<String, Long> slots) {
    this.slots = slots;
    long latest = 0;
    boolean any = false;
    for (long slotDeadline : slots.values()) {
      latest = any ? Deadlines.later(latest, slotDeadline) : slotDeadline;
      any = true;
    }
    // An empty pool is never stored (callers remove it), so its deadline does not matter.
    this.deadline = latest;
  }

  @Override
  public long deadline() {
    return deadline;
  }

  @Override
  public boolean isLive(long now) {
    return !slots.isEmpty() && StoreEntry.super.isLive(now);
  }

  boolean isEmpty() {
    return slots.isEmpty();
  }

  /** The slots still live at {@code now}; this entry itself when none has expired. */
  PoolEntry pruned(long now) {
    int live = liveCount(now);
    if (live == slots.size()) {
      return this;
    }
    Map<String, Long> kept = new HashMap<>(live * 2);
    slots.forEach((token, slotDeadline) -> {
      if (!Deadlines.passed(slotDeadline, now)) {
        kept.put(token, slotDeadline);
      }
    });
    return new PoolEntry(kept);
  }

  int liveCount(long now) {
    int live = 0;
    for (long slotDeadline : slots.values()) {
      if (!Deadlines.passed(slotDeadline, now)) {
        live++;
      }
    }
    return live;
  }

  boolean holds(String token, long now) {
    Long slotDeadline = slots.get(token);
    return slotDeadline != null && !Deadlines.passed(slotDeadline, now);
  }

  PoolEntry with(String token, long slotDeadline) {
    Map<String, Long> next = new HashMap<>(slots);
    next.put(token, slotDeadline);
    return new PoolEntry(next);
  }

  PoolEntry without(String token) {
    Map<String, Long> next = new HashMap<>(slots);
    next.remove(token);
    return new PoolEntry(next);
  }
}
