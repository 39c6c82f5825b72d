/**
 * The shared-data store: {@link dev.cachify.store.shareddata.SharedDataStore} over a Vert.x
 * {@code SharedData} async map, cluster-wide when Vert.x is clustered (Hazelcast, an AP store: a
 * network split can admit two lock holders), and its settings
 * {@link dev.cachify.store.shareddata.SharedDataStoreOptions}.
 */
package dev.cachify.store.shareddata;
