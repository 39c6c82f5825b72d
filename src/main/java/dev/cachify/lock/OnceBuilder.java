package dev.cachify.lock;

import dev.cachify.Ttl;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Fn;
import dev.cachify.fn.Params;
import dev.cachify.key.impl.KeyTemplate;

import java.util.Objects;

/** Configures a {@code once} wrapper; obtained from {@code Cachify.once(template)}. */
public final class OnceBuilder<R> {

  private final KeyTemplate template;
  private final String prefix;
  private final Locker locker;
  private Ttl exp;
  private Fallback<?> onLocked = Fallback.returning(null);

  public OnceBuilder(String template, String prefix, Locker locker, Ttl defaultExp) {
    this.template = KeyTemplate.parse(template);
    this.prefix = prefix;
    this.locker = locker;
    this.exp = defaultExp;
  }

  /**
   * How long the guard lives if the caller dies mid-call; default: the instance's lock expiration.
   * {@code Ttl.NEVER}: a lease renewed while the call runs (see {@link LockHandle}).
   */
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
    return new OnceFunction<>(fn.params(), (args, lock) -> fn.invoke(args), template.toString(), keysFor(fn.params()),
      locker, exp, (Fallback<T>) onLocked);
  }

  /** Like {@link #wrap}, for a function that also gets the lock it runs under (its fence, its lease). */
  @SuppressWarnings("unchecked")
  public <T extends R> OnceFunction<T> wrapLeased(LeasedFn<T> fn) {
    return new OnceFunction<>(fn.params(), fn::invoke, template.toString(), keysFor(fn.params()), locker, exp,
      (Fallback<T>) onLocked);
  }

  @SuppressWarnings("unchecked")
  public <T extends R> BlockingOnceFunction<T> wrapBlocking(BlockingFn<T> fn) {
    return new BlockingOnceFunction<>(fn, template.toString(), keysFor(fn.params()), locker, exp,
      (Fallback<T>) onLocked);
  }

  private KeyTemplate keysFor(Params params) {
    return template.checkAgainst(params).between(prefix, "-once");
  }
}
