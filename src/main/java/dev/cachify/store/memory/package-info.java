/**
 * The embedded default store: {@link dev.cachify.store.memory.MemoryStore}, one Caffeine cache in
 * one JVM, and its settings {@link dev.cachify.store.memory.MemoryStoreOptions}. Its locks and pools
 * coordinate this process only.
 */
package dev.cachify.store.memory;
