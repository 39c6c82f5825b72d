package dev.cachify.bus;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which event-bus addresses {@code cachify.cache.load} may send a miss to, and how long it waits
 * for their answer. Defaults: no address at all (every load is refused), 10 s.
 *
 * <p>The regex must match the whole address ({@code loaders\.rates} allows exactly that address,
 * not {@code evil.loaders.rates}). Whatever it says, the node's own families are never loaders:
 * {@code cachify.*}, {@code users.*}, {@code internal.*} and Vert.x's {@code __vertx.*} (reply
 * addresses among them), so a bridge client cannot reach an internal address, a write of the
 * users service or another caller's pending reply through a load.
 *
 * <pre>{@code
 * new CachifyVerticle(cachify, new LoaderOptions().setAddressRegex("loaders\\.[a-z-]+").setTimeoutMs(5_000));
 * }</pre>
 */
public final class LoaderOptions {

  /** How long a load waits for its loader by default: 10000 ms. */
  public static final long DEFAULT_TIMEOUT_MS = 10_000;
  /** Five minutes: a loader slower than that is a job, not a read. */
  public static final long MAX_TIMEOUT_MS = 300_000;
  /** The address families that are never loaders, whatever the regex allows. */
  public static final Pattern RESERVED = Pattern.compile("(cachify|users|internal|__vertx)(\\..*)?");

  private Pattern addresses;
  private long timeoutMs = DEFAULT_TIMEOUT_MS;

  /**
   * The allowed loader addresses, or {@code null}: none (the default).
   *
   * @return the compiled regex, or {@code null}
   */
  public Pattern getAddresses() {
    return addresses;
  }

  /**
   * Sets the regex a loader address must match as a whole; default {@code null}: none, every
   * {@code cachify.cache.load} is refused. The reserved families ({@link #RESERVED}) stay refused
   * whatever it matches.
   *
   * @param regex a {@link Pattern} regex, or {@code null} or blank for none
   * @return these options
   * @throws IllegalArgumentException when {@code regex} does not compile; the message says why in
   *                                  one line
   */
  public LoaderOptions setAddressRegex(String regex) {
    this.addresses = regex == null || regex.isBlank() ? null : compile(regex);
    return this;
  }

  /**
   * How long a load waits for the loader's answer before failing with 504; default 10 s.
   *
   * @return the loader timeout, in milliseconds
   */
  public long getTimeoutMs() {
    return timeoutMs;
  }

  /**
   * Sets how long a load waits for the loader's answer, in milliseconds, before failing with
   * {@link CachifyFailures#LOADER_TIMEOUT}; default 10000 ms. The instance's
   * {@code entryLoadTimeout} must be at least this (the verticle refuses to be built otherwise).
   * Keep it under half the callers' send timeout: a load that waits for another node's loader
   * answers within about twice it.
   *
   * @param timeoutMs the timeout, 1 to 300000 ms
   * @return these options
   * @throws IllegalArgumentException when {@code timeoutMs} is outside 1 to 300000
   */
  public LoaderOptions setTimeoutMs(long timeoutMs) {
    if (timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
      throw new IllegalArgumentException("a loader timeout must be 1.." + MAX_TIMEOUT_MS + " ms, got " + timeoutMs);
    }
    this.timeoutMs = timeoutMs;
    return this;
  }

  /**
   * {@code regex} compiled, or an IllegalArgumentException whose message is one line: how
   * {@link #setAddressRegex} reads its argument.
   *
   * @param regex a {@link Pattern} regex
   * @return the compiled pattern
   * @throws IllegalArgumentException when {@code regex} does not compile
   */
  public static Pattern compile(String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("'" + regex + "' is not a valid regex: " + e.getDescription()
        + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""), e);
    }
  }
}
