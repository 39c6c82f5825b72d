package dev.cachify.store;

import dev.cachify.store.shareddata.SharedDataStore;
import io.vertx.core.Vertx;

/** One non-clustered Vert.x: Vert.x's local async map, seen through two store instances. */
public final class SharedDataStoreFixture implements StoreFixture {

  private final Vertx vertx = Vertx.vertx();
  private final SharedDataStore storeA = SharedDataStore.create(vertx);
  private final SharedDataStore storeB = SharedDataStore.create(vertx);

  @Override
  public String name() {
    return "shared-data";
  }

  @Override
  public Vertx vertxA() {
    return vertx;
  }

  @Override
  public Vertx vertxB() {
    return vertx;
  }

  @Override
  public Store storeA() {
    return storeA;
  }

  @Override
  public Store storeB() {
    return storeB;
  }

  @Override
  public void close() {
    storeA.close().await();
    storeB.close().await();
    vertx.close().await();
  }
}
