package dev.cachify.store.impl;

import dev.cachify.store.LockWatch;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The waiters of this process per lock key, for the stores' release notices. */
public final class ReleaseListeners {

  private final Map<String, List<Runnable>> byKey = new ConcurrentHashMap<>();

  /**
   * Registers {@code listener} for {@code key}; closing the watch removes it.
   *
   * @param key      the lock's key
   * @param listener called on each release of {@code key}
   * @return the registration, which {@link LockWatch#notifies() notifies}
   */
  public LockWatch add(String key, Runnable listener) {
    byKey.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(listener);
    return new LockWatch() {
      @Override
      public boolean notifies() {
        return true;
      }

      @Override
      public void close() {
        byKey.computeIfPresent(key, (k, listeners) -> {
          listeners.remove(listener);
          return listeners.isEmpty() ? null : listeners;
        });
      }
    };
  }

  /**
   * Tells every listener of {@code key} that it was released, on the calling thread.
   *
   * @param key the released lock's key
   */
  public void released(String key) {
    List<Runnable> listeners = byKey.get(key);
    if (listeners != null) {
      listeners.forEach(Runnable::run);
    }
  }

  /**
   * Whether anyone in this process waits for {@code key}.
   *
   * @param key the lock's key
   * @return {@code true} while a registration for {@code key} is open
   */
  public boolean isWatched(String key) {
    return byKey.containsKey(key);
  }
}
