package dev.cachify.cache.impl;

import dev.cachify.Blocking;
import dev.cachify.cache.BlockingCachedFunction;
import dev.cachify.fn.Args;
import dev.cachify.fn.BlockingFn;
import dev.cachify.key.impl.KeyTemplate;
import dev.cachify.metrics.CacheMeter;
import dev.cachify.store.StoreException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

import java.util.Map;

/** A {@link BlockingCachedFunction}. */
final class BlockingCachedFunctionImpl<R> implements BlockingCachedFunction<R> {

  private final BlockingFn<R> fn;
  private final KeyTemplate keys;
  private final CacheEntries<R> entries;
  private final SingleFlight singleFlight;
  private final StoreOutages outages;
  private final CacheMeter meter;
  /** One load per miss across the processes sharing the store; {@code null} when off. */
  private final ClusterSingleFlight clusterFlight;

  BlockingCachedFunctionImpl(BlockingFn<R> fn, KeyTemplate keys, CacheEntries<R> entries,
                             SingleFlight singleFlight, StoreOutages outages, CacheMeter meter,
                             ClusterSingleFlight clusterFlight) {
    this.fn = fn;
    this.keys = keys;
    this.entries = entries;
    this.singleFlight = singleFlight;
    this.outages = outages;
    this.meter = meter;
    this.clusterFlight = clusterFlight;
  }

  @Override
  public R call(Object... args) {
    return call(fn.params().bind(args));
  }

  @Override
  public R callNamed(Map<String, ?> args) {
    return call(fn.params().bind(args));
  }

  @Override
  public void reset(Object... args) {
    String key = keyFor(args);
    Blocking.await(entries.reset(key));
    singleFlight.forget(key);
    if (clusterFlight != null) {
      clusterFlight.forget(key); // a load holding the cluster's load lock will not store: let the next one in
    }
  }

  @Override
  public String keyFor(Object... args) {
    return keys.format(fn.params().bind(args));
  }

  private R call(Args args) {
    Blocking.checkMayBlock();
    String key = keys.format(args);
    boolean storeFailed = false;
    try {
      Object entry = Blocking.await(entries.read(key));
      if (entry != null) {
        meter.hit();
        return CacheEntries.unwrap(entry);
      }
    } catch (StoreException e) {
      outages.failed();
      storeFailed = true; // read through: run the function, store nothing
    }
    meter.miss();
    Promise<Object> lead = singleFlight.lead(key);
    if (lead == null) {
      Future<Object> leader = singleFlight.current(key);
      if (leader != null) {
        meter.coalesced();
        return CacheEntries.unwrap(Blocking.await(leader));
      }
      return call(args); // the leader finished between our two looks: start over
    }
    try {
      R value = storeFailed ? timedInvoke(args) : loadInTurn(key, args);
      singleFlight.finish(key, lead, value == null ? CacheEntries.NULL : value, null);
      return value;
    } catch (RuntimeException | Error e) {
      singleFlight.finish(key, lead, null, e);
      throw e;
    }
  }

  /**
   * {@link #load}, with cluster single-flight in this JVM's turn: after another process's value
   * appeared (the load's re-read finds it) or holding the load lock, released when it ends.
   */
  private R loadInTurn(String key, Args args) {
    if (clusterFlight == null) {
      return load(key, args);
    }
    try (ClusterSingleFlight.Turn turn = Blocking.await(clusterFlight.turn(key, entries))) {
      if (turn.found() != null) {
        meter.coalesced(); // another process loaded it while this one waited
      }
      return load(key, args);
    }
  }

  /** A leader's load; a store failure on its read or its write is answered through. */
  private R load(String key, Args args) {
    Buffer seen;
    try {
      seen = Blocking.await(entries.readRaw(key));
    } catch (StoreException e) {
      outages.failed();
      return timedInvoke(args);
    }
    Object again = entries.decode(seen);
    if (again != null) {
      return CacheEntries.unwrap(again);
    }
    R value = timedInvoke(args);
    try {
      // Stored only over what was seen: a reset from now on leaves other bytes and wins.
      Blocking.await(entries.write(key, seen, value));
    } catch (StoreException e) {
      outages.failed();
    }
    return value;
  }

  private R timedInvoke(Args args) {
    long began = System.nanoTime();
    boolean failed = true;
    try {
      R value = fn.invoke(args);
      failed = false;
      return value;
    } finally {
      meter.loaded(System.nanoTime() - began, failed);
    }
  }
}
