package dev.cachify.lock.impl;

import dev.cachify.Ttl;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fn;
import dev.cachify.fn.Params;
import dev.cachify.key.impl.KeyTemplate;
import dev.cachify.lock.BlockingLockedFunction;
import dev.cachify.lock.LockedBuilder;
import dev.cachify.lock.LockedFunction;

import java.time.Duration;

/** {@link LockedBuilder}: each wrapper keeps a snapshot of the settings it was built with. */
final class LockedBuilderImpl implements LockedBuilder {

  private final KeyTemplate template;
  private final String prefix;
  private final Locker locker;
  private final LockSettings settings;

  LockedBuilderImpl(String template, String prefix, Locker locker, Ttl defaultExp) {
    this.template = KeyTemplate.parse(template);
    this.prefix = prefix;
    this.locker = locker;
    this.settings = new LockSettings(defaultExp);
  }

  @Override
  public LockedBuilder nowait(boolean nowait) {
    settings.nowait(nowait);
    return this;
  }

  @Override
  public LockedBuilder timeout(Duration timeout) {
    settings.timeout(timeout);
    return this;
  }

  @Override
  public LockedBuilder exp(Ttl exp) {
    settings.exp(exp);
    return this;
  }

  @Override
  public <R> LockedFunction<R> wrap(Fn<R> fn) {
    locker.lifecycle().checkOpen();
    return new LockedFunctionImpl<>(fn, keysFor(fn.params()), locker, settings.copy());
  }

  @Override
  public <R> BlockingLockedFunction<R> wrapBlocking(BlockingFn<R> fn) {
    locker.lifecycle().checkOpen();
    return new BlockingLockedFunctionImpl<>(fn, keysFor(fn.params()), locker, settings.copy());
  }

  private KeyTemplate keysFor(Params params) {
    return template.checkAgainst(params).between(prefix, "-lock");
  }
}
