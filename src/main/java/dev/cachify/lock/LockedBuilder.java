package dev.cachify.lock;

import dev.cachify.Ttl;
import dev.cachify.fn.BlockingFn;
import dev.cachify.fn.Fn;
import dev.cachify.fn.Params;
import dev.cachify.key.impl.KeyTemplate;

import java.time.Duration;

/** Configures a {@code locked} wrapper; obtained from {@code Cachify.locked(template)}. */
public final class LockedBuilder {

  private final KeyTemplate template;
  private final String prefix;
  private final Locker locker;
  private final LockSettings settings;

  public LockedBuilder(String template, String prefix, Locker locker, Ttl defaultExp) {
    this.template = KeyTemplate.parse(template);
    this.prefix = prefix;
    this.locker = locker;
    this.settings = new LockSettings(defaultExp);
  }

  /** True (the default): fail at once when held. False: wait up to {@link #timeout}. */
  public LockedBuilder nowait(boolean nowait) {
    settings.nowait(nowait);
    return this;
  }

  /** How long to wait when not {@code nowait}; {@code null} (default) = forever. */
  public LockedBuilder timeout(Duration timeout) {
    settings.timeout(timeout);
    return this;
  }

  public LockedBuilder exp(Ttl exp) {
    settings.exp(exp);
    return this;
  }

  public <R> LockedFunction<R> wrap(Fn<R> fn) {
    return new LockedFunction<>(fn, keysFor(fn.params()), locker, settings.copy());
  }

  public <R> BlockingLockedFunction<R> wrapBlocking(BlockingFn<R> fn) {
    return new BlockingLockedFunction<>(fn, keysFor(fn.params()), locker, settings.copy());
  }

  private KeyTemplate keysFor(Params params) {
    return template.checkAgainst(params).between(prefix, "-lock");
  }
}
