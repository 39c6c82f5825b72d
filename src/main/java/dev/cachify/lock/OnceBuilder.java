package dev.cachify.lock;

import dev.cachify.Ttl;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Fn;
import dev.cachify.fn.Params;
import dev.cachify.key.KeyTemplate;
import dev.cachify.store.Store;

import java.util.Objects;

/** Configures a {@code once} wrapper; obtained from {@code Cachify.once(template)}. */
public final class OnceBuilder<R> {

  private final KeyTemplate template;
  private final String prefix;
  private final Store store;
  private Ttl exp;
  private Fallback<?> onLocked = Fallback.returning(null);

  public OnceBuilder(String template, String prefix, Store store, Ttl defaultExp) {
    this.template = KeyTemplate.parse(template);
    this.prefix = prefix;
    this.store = store;
    this.exp = defaultExp;
  }

  /** How long the guard lives if the caller dies mid-call; default: the instance's lock expiration. */
  public OnceBuilder<R> exp(Ttl exp) {
    this.exp = Objects.requireNonNull(exp, "exp");
    return this;
  }

  /** What a call answers while another runs; default {@code Fallback.returning(null)}. */
  @SuppressWarnings("unchecked")
  public <T> OnceBuilder<T> onLocked(Fallback<T> onLocked) {
    this.onLocked = Objects.requireNonNull(onLocked, "onLocked");
    return (OnceBuilder<T>) this;
  }

  @SuppressWarnings("unchecked")
  public <T extends R> OnceFunction<T> wrap(Fn<T> fn) {
    return new OnceFunction<>(fn, keysFor(fn.params()), store, exp, (Fallback<T>) onLocked);
  }

  @SuppressWarnings("unchecked")
  public <T extends R> BlockingOnceFunction<T> wrapBlocking(BlockingFn<T> fn) {
    return new BlockingOnceFunction<>(fn, keysFor(fn.params()), store, exp, (Fallback<T>) onLocked);
  }

  private KeyTemplate keysFor(Params params) {
    return template.checkAgainst(params).between(prefix, "-once");
  }
}
