/**
 * Caching: {@link dev.cachify.cache.CachedBuilder} (from {@code Cachify.cached(template)}) wraps a
 * function into a {@link dev.cachify.cache.CachedFunction} or a
 * {@link dev.cachify.cache.BlockingCachedFunction}; {@link dev.cachify.cache.CacheEntry} (from
 * {@code Cachify.entry(key)}) reads, writes, resets or reads through one entry by its key. These
 * interfaces are the API; their implementations live in {@code dev.cachify.cache.impl}, which is
 * not.
 */
package dev.cachify.cache;
