/**
 * Not API: the implementations of {@code dev.cachify.cache} and their machinery (the read-through
 * routine, single-flight in this JVM and across the cluster, entries and their tombstones, TTL
 * jitter). Only {@link dev.cachify.cache.impl.Caches} is public, for {@code Cachify} to create;
 * anything here may change without notice.
 */
package dev.cachify.cache.impl;
