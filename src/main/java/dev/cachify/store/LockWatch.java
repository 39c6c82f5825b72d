package dev.cachify.store;

/**
 * A registration for release notices of one lock ({@link Store#watchReleases}): waiters wake when
 * the lock is released instead of polling for it. Notices are best effort (a connection may drop
 * one), so a waiter keeps a fallback timer: the lock's remaining life.
 *
 * <pre>{@code
 * store.watchReleases(key, () -> retry(key)).onSuccess(watch -> {
 *   // ... once the lock is taken or the wait given up:
 *   watch.close();
 * });
 * }</pre>
 */
public interface LockWatch extends AutoCloseable {

  /** What stores without notices answer: the waiter polls. */
  LockWatch NONE = new LockWatch() {
    @Override
    public boolean notifies() {
      return false;
    }

    @Override
    public void close() {
    }
  };

  /**
   * Whether releases are announced at all.
   *
   * @return {@code true} when releases call the listener; {@code false}: nothing will, poll
   */
  boolean notifies();

  /** Stops the notices to this registration; closing twice does nothing more. Never throws. */
  @Override
  void close();
}
