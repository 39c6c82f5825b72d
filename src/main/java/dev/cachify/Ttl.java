package dev.cachify;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an entry, a lock or a pool slot lives: a positive duration, or {@link #NEVER}. Zero and
 * negative durations are rejected (py-cachify's stores disagree on what 0 means).
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

  public static Ttl of(Duration duration) {
    Objects.requireNonNull(duration, "duration (use Ttl.NEVER for no expiry)");
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("a TTL must be positive, got " + duration
        + "; use Ttl.NEVER for no expiry");
    }
    return new Ttl(duration);
  }

  public static Ttl seconds(long seconds) {
    return of(Duration.ofSeconds(seconds));
  }

  public static Ttl millis(long millis) {
    return of(Duration.ofMillis(millis));
  }

  /** The duration, or {@code null} for {@link #NEVER} (what {@code Store} takes). */
  public Duration duration() {
    return duration;
  }

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

  @Override
  public String toString() {
    return duration == null ? "never" : duration.toString();
  }
}
