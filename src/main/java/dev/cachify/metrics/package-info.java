/**
 * What a {@link dev.cachify.Cachify} instance reports: the {@link dev.cachify.metrics.CachifyMetrics}
 * and {@link dev.cachify.metrics.CacheMeter} callbacks (which record nothing by default), and their
 * Micrometer implementations, {@link dev.cachify.metrics.MicrometerCachifyMetrics} and
 * {@link dev.cachify.metrics.NearCacheMetrics}.
 */
package dev.cachify.metrics;
