package dev.cachify;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an entry, a lock or a pool slot lives: a positive duration, or {@link #NEVER}. Zero and
 * negative durations are rejected (py-cachify's stores disagree on what 0 means). Immutable; equal
 * when their durations are.
 *
 * <pre>{@code
 * Ttl.seconds(300); Ttl.of(Duration.ofMillis(250)); Ttl.NEVER;
 * }</pre>
 */
public final class Ttl {

  /** Never expires; wins over an instance default. */
  public static final Ttl NEVER = new Ttl(null);

  private final Duration duration;

  private Ttl(Duration duration) {
    this.duration = duration;
  }

  /**
   * A TTL of {@code duration}.
   *
   * @param duration how long, positive
   * @return the TTL
   * @throws NullPointerException when {@code duration} is {@code null} (use {@link #NEVER})
   * @throws IllegalArgumentException when {@code duration} is zero or negative
   */
  public static Ttl of(Duration duration) {
    Objects.requireNonNull(duration, "duration (use Ttl.NEVER for no expiry)");
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("a TTL must be positive, got " + duration
        + "; use Ttl.NEVER for no expiry");
    }
    return new Ttl(duration);
  }

  /**
   * A TTL of whole seconds.
   *
   * @param seconds how long, at least 1
   * @return the TTL
   * @throws IllegalArgumentException when {@code seconds} is zero or negative
   */
  public static Ttl seconds(long seconds) {
    return of(Duration.ofSeconds(seconds));
  }

  /**
   * A TTL of whole milliseconds.
   *
   * @param millis how long, at least 1
   * @return the TTL
   * @throws IllegalArgumentException when {@code millis} is zero or negative
   */
  public static Ttl millis(long millis) {
    return of(Duration.ofMillis(millis));
  }

  /**
   * The duration, or {@code null} for {@link #NEVER} (what {@code Store} takes).
   *
   * @return the duration, or {@code null} for never
   */
  public Duration duration() {
    return duration;
  }

  /** {@return whether this is {@link #NEVER}} */
  public boolean isNever() {
    return duration == null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ttl other && Objects.equals(duration, other.duration);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(duration);
  }

  /** {@return the duration in ISO-8601 form ({@code PT5M}), or {@code never}} */
  @Override
  public String toString() {
    return duration == null ? "never" : duration.toString();
  }
}
