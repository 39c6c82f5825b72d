/**
 * The Redis store: {@link dev.cachify.store.redis.RedisStore} (standalone, sentinel or cluster,
 * through vertx-redis-client) and its settings {@link dev.cachify.store.redis.RedisStoreOptions}.
 * Every process that reaches the Redis shares its cache, locks and pools.
 */
package dev.cachify.store.redis;
