package dev.cachify.lock.impl;

import dev.cachify.Ttl;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fallback;
import dev.cachify.fn.Fn;
import dev.cachify.fn.Params;
import dev.cachify.key.impl.KeyTemplate;
import dev.cachify.lock.BlockingOnceFunction;
import dev.cachify.lock.LeasedFn;
import dev.cachify.lock.OnceBuilder;
import dev.cachify.lock.OnceFunction;

import java.util.Objects;

/** {@link OnceBuilder}: a non-waiting lock per key around each call. */
final class OnceBuilderImpl<R> implements OnceBuilder<R> {

  private final KeyTemplate template;
  private final String prefix;
  private final Locker locker;
  private Ttl exp;
  private Fallback<?> onLocked = Fallback.returning(null);

  OnceBuilderImpl(String template, String prefix, Locker locker, Ttl defaultExp) {
    this.template = KeyTemplate.parse(template);
    this.prefix = prefix;
    this.locker = locker;
    this.exp = defaultExp;
  }

  @Override
  public OnceBuilder<R> exp(Ttl exp) {
    this.exp = Objects.requireNonNull(exp, "exp");
    return this;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> OnceBuilder<T> onLocked(Fallback<T> onLocked) {
    this.onLocked = Objects.requireNonNull(onLocked, "onLocked");
    return (OnceBuilder<T>) this;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends R> OnceFunction<T> wrap(Fn<T> fn) {
    locker.lifecycle().checkOpen();
    return new OnceFunctionImpl<>(fn.params(), (args, lock) -> fn.invoke(args), template.toString(),
      keysFor(fn.params()), locker, exp, (Fallback<T>) onLocked);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends R> OnceFunction<T> wrapLeased(LeasedFn<T> fn) {
    locker.lifecycle().checkOpen();
    return new OnceFunctionImpl<>(fn.params(), fn::invoke, template.toString(), keysFor(fn.params()), locker, exp,
      (Fallback<T>) onLocked);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends R> BlockingOnceFunction<T> wrapBlocking(BlockingFn<T> fn) {
    locker.lifecycle().checkOpen();
    return new BlockingOnceFunctionImpl<>(fn, template.toString(), keysFor(fn.params()), locker, exp,
      (Fallback<T>) onLocked);
  }

  private KeyTemplate keysFor(Params params) {
    return template.checkAgainst(params).between(prefix, "-once");
  }
}
