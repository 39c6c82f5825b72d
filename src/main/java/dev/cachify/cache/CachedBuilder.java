package dev.cachify.cache;

import dev.cachify.Ttl;
import dev.cachify.codec.Codec;
import dev.cachify.codec.JsonCodec;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fn;
import dev.cachify.key.KeyTemplate;
import dev.cachify.store.Store;

import java.util.Objects;

/** Configures a {@code cached} wrapper; obtained from {@code Cachify.cached(template)}. */
public final class CachedBuilder<R> {

  private final KeyTemplate template;
  private final String prefix;
  private final Store store;
  private final SingleFlight singleFlight;
  private final StoreOutages outages;
  private Ttl ttl;
  private Ttl nullTtl;
  private Codec<?> codec = JsonCodec.untyped();

  public CachedBuilder(String template, String prefix, Store store, SingleFlight singleFlight,
                       StoreOutages outages, Ttl defaultTtl, Ttl nullTtl) {
    this.template = KeyTemplate.parse(template);
    this.prefix = prefix;
    this.store = store;
    this.singleFlight = singleFlight;
    this.outages = outages;
    this.ttl = defaultTtl;
    this.nullTtl = nullTtl;
  }

  /** How long entries live; unset = the instance default; {@link Ttl#NEVER} wins over it. */
  public CachedBuilder<R> ttl(Ttl ttl) {
    this.ttl = Objects.requireNonNull(ttl, "ttl (use Ttl.NEVER for no expiry)");
    return this;
  }

  /** The codec; default: JSON decoding to Vert.x JSON types. */
  @SuppressWarnings("unchecked")
  public <T> CachedBuilder<T> codec(Codec<T> codec) {
    this.codec = Objects.requireNonNull(codec, "codec");
    return (CachedBuilder<T>) this;
  }

  /** Shorthand for {@code codec(JsonCodec.of(type))}. */
  public <T> CachedBuilder<T> as(Class<T> type) {
    return codec(JsonCodec.of(type));
  }

  /** Caches null results too, for {@code ttl}; default: null results run the function again. */
  public CachedBuilder<R> cacheNulls(Ttl ttl) {
    this.nullTtl = Objects.requireNonNull(ttl, "ttl");
    return this;
  }

  /** The Future-based wrapper; fails now if the template names a parameter {@code fn} lacks. */
  public <T extends R> CachedFunction<T> wrap(Fn<T> fn) {
    return new CachedFunction<>(fn, keysFor(fn.params()), entries(), singleFlight, outages);
  }

  /** The blocking wrapper, for worker threads and plain Java. */
  public <T extends R> BlockingCachedFunction<T> wrapBlocking(BlockingFn<T> fn) {
    return new BlockingCachedFunction<>(fn, keysFor(fn.params()), entries(), singleFlight, outages);
  }

  private KeyTemplate keysFor(dev.cachify.fn.Params params) {
    return template.checkAgainst(params).between(prefix, "-cached");
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private <T> CacheEntries<T> entries() {
    return new CacheEntries<>(store, (Codec) codec, ttl, nullTtl);
  }
}
