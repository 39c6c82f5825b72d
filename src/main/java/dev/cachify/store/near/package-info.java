/**
 * The near cache: {@link dev.cachify.store.near.NearCacheStore} keeps values read from a Redis or
 * shared-data store in process for a bounded time, coherent across the cluster's near caches, and
 * {@link dev.cachify.store.near.NearCacheOptions} are its settings.
 */
package dev.cachify.store.near;
