package dev.cachify.store;

import dev.cachify.store.memory.MemoryStore;
import io.vertx.core.Vertx;

/** The memory store lives in one JVM: both parties share one instance. */
public final class MemoryStoreFixture implements StoreFixture {

  private final Vertx vertx = Vertx.vertx();
  private final MemoryStore store = MemoryStore.create();

  @Override
  public String name() {
    return "memory";
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
    return store;
  }

  @Override
  public Store storeB() {
    return store;
  }

  @Override
  public void close() {
    store.close().await();
    vertx.close().await();
  }
}
