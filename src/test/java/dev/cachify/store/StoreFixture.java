package dev.cachify.store;

import io.vertx.core.Vertx;

/**
 * One store backend for the contract suites, seen from two sides: two cluster nodes, two Redis
 * clients, or (for the in-process memory store) the same instance twice. Tests act as one party
 * through {@code A} and as another through {@code B}, so every guarantee is checked across nodes
 * where the store has nodes.
 */
public interface StoreFixture extends AutoCloseable {

  /** Shown in test names: memory, shared-data, shared-data (2-node cluster), redis. */
  String name();

  Vertx vertxA();

  Vertx vertxB();

  Store storeA();

  Store storeB();

  /** Stops everything the fixture started; blocks until done. */
  @Override
  void close();
}
