/**
 * Caching, distributed locks, {@code once} and pools for Vert.x: {@link dev.cachify.Cachify} is the
 * entry point, {@link dev.cachify.CachifyOptions} its settings (store, key prefix, defaults),
 * {@link dev.cachify.Ttl} how long things live, and {@link dev.cachify.CachifyException} the base
 * of every error the library raises on purpose. The wrappers are in {@code dev.cachify.cache},
 * {@code dev.cachify.lock} and {@code dev.cachify.pool}; the stores in {@code dev.cachify.store}.
 *
 * <pre>{@code
 * Cachify cachify = Cachify.create(vertx, new CachifyOptions().setStore(RedisStore.create(vertx, url)));
 * }</pre>
 */
package dev.cachify;
