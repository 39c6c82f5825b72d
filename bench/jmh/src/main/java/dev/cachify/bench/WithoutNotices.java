package dev.cachify.bench;

import dev.cachify.store.ForwardingStore;
import dev.cachify.store.LockWatch;
import dev.cachify.store.Store;
import io.vertx.core.Future;

/** A store with its release notices hidden: its waiters poll. */
final class WithoutNotices extends ForwardingStore {

  WithoutNotices(Store store) {
    super(store);
  }

  @Override
  public Future<LockWatch> watchReleases(String key, Runnable onRelease) {
    return Future.succeededFuture(LockWatch.NONE);
  }

  @Override
  public Future<Long> lockRemainingMillis(String key) {
    return Future.succeededFuture(-1L);
  }
}
