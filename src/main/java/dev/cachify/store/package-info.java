/**
 * The store SPI: {@link dev.cachify.store.Store} is where a {@link dev.cachify.Cachify} instance
 * keeps values, locks and pool slots, with one contract every store meets (keys used as given, a
 * {@code null} TTL for "never", a {@link dev.cachify.store.StoreException} within the store's
 * timeout when it cannot answer). The stores are in {@code dev.cachify.store.memory} (the default),
 * {@code dev.cachify.store.shareddata}, {@code dev.cachify.store.redis}, and
 * {@code dev.cachify.store.near} (a near cache in front of either of the last two);
 * {@link dev.cachify.store.ForwardingStore} is the base of a store that wraps another.
 */
package dev.cachify.store;
