package dev.cachify.cache.impl;

import dev.cachify.Ttl;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The jitter's arithmetic, on random sources the test chooses: no clock, no sleeping. */
class TtlJitterTest {

  private static final Ttl HUNDRED_SECONDS = Ttl.seconds(100);
  /** The smallest and the largest draw a source may give for a bound. */
  private static final LongUnaryOperator LOWEST = bound -> 0;
  private static final LongUnaryOperator HIGHEST = bound -> bound - 1;

  @Test
  void theExtremeDrawsAreTheTtlAndTheTtlLessItsPercentage() {
    assertThat(new TtlJitter(20, LOWEST).effective(HUNDRED_SECONDS)).isEqualTo(Duration.ofSeconds(100));
    assertThat(new TtlJitter(20, HIGHEST).effective(HUNDRED_SECONDS)).isEqualTo(Duration.ofSeconds(80));
    assertThat(new TtlJitter(50, HIGHEST).effective(HUNDRED_SECONDS)).isEqualTo(Duration.ofSeconds(50));
    assertThat(new TtlJitter(1, HIGHEST).effective(HUNDRED_SECONDS)).isEqualTo(Duration.ofSeconds(99));
  }

  @Test
  void theSourceIsAskedForEveryWholeMillisecondOfTheRange() {
    List<Long> bounds = new ArrayList<>();
    new TtlJitter(20, bound -> {
      bounds.add(bound);
      return 0;
    }).effective(HUNDRED_SECONDS);
    assertThat(bounds).containsExactly(20_001L); // 0..20 000 ms cut: 80 000..100 000 ms live
  }

  @Test
  void aThousandWritesOfAHundredSecondsWithTwentyPercentSpreadOverEightyToAHundred() {
    List<Duration> seeded = draws(new TtlJitter(20, new SplittableRandom(5)::nextLong), 1000);
    assertThat(seeded).allSatisfy(ttl -> assertThat(ttl).isBetween(Duration.ofSeconds(80), Duration.ofSeconds(100)));
    assertThat(new HashSet<>(seeded)).hasSizeGreaterThan(950); // 20 001 possible values: few repeats
    assertThat(seeded.stream().filter(ttl -> ttl.compareTo(Duration.ofSeconds(90)) < 0).count())
      .as("about half below the middle").isBetween(400L, 600L);

    List<Duration> live = draws(TtlJitter.of(20), 1000); // ThreadLocalRandom, as in production
    assertThat(live).allSatisfy(ttl -> assertThat(ttl).isBetween(Duration.ofSeconds(80), Duration.ofSeconds(100)));
    assertThat(new HashSet<>(live)).hasSizeGreaterThan(1);
  }

  @Test
  void neverStaysNeverAndZeroPercentChangesNothing() {
    assertThat(new TtlJitter(50, HIGHEST).effective(Ttl.NEVER)).isNull();
    assertThat(TtlJitter.of(0).effective(HUNDRED_SECONDS)).isEqualTo(Duration.ofSeconds(100));
    assertThat(TtlJitter.of(0)).isSameAs(TtlJitter.NONE);
  }

  @Test
  void shortTtlsNeverGoBelowOneMillisecond() {
    TtlJitter most = new TtlJitter(50, HIGHEST);
    assertThat(most.effective(Ttl.millis(1))).isEqualTo(Duration.ofMillis(1));
    assertThat(most.effective(Ttl.millis(2))).isEqualTo(Duration.ofMillis(1));
    assertThat(most.effective(Ttl.millis(3))).isEqualTo(Duration.ofMillis(2)); // 1.5 ms cut rounds down to 1
    assertThat(most.effective(Ttl.of(Duration.ofNanos(1_500_000)))).isEqualTo(Duration.ofNanos(1_500_000));
    assertThat(most.effective(Ttl.of(Duration.ofNanos(500)))).isEqualTo(Duration.ofNanos(500));
  }

  @Test
  void theCutIsInWholeMillisecondsAndNeverLengthensTheTtl() {
    Duration asked = Duration.ofMillis(10_000).plusNanos(700_000);
    List<Duration> drawn = draws(new TtlJitter(30, new SplittableRandom(9)::nextLong), Ttl.of(asked), 200);
    assertThat(drawn).allSatisfy(ttl -> {
      assertThat(ttl).isBetween(Duration.ofMillis(7_000).plusNanos(700_000), asked);
      assertThat(asked.minus(ttl).toNanos() % 1_000_000).isZero();
    });
  }

  @Test
  void centuryLongTtlsAreLeftAlone() {
    Ttl longest = Ttl.of(Duration.ofSeconds(Long.MAX_VALUE));
    assertThat(new TtlJitter(50, HIGHEST).effective(longest)).isEqualTo(longest.duration());
    Ttl year = Ttl.of(Duration.ofDays(365));
    assertThat(new TtlJitter(50, HIGHEST).effective(year)).isEqualTo(Duration.ofDays(365).dividedBy(2));
  }

  @Test
  void percentagesOutsideZeroToFiftyAreRejected() {
    assertThat(TtlJitter.of(50).percent()).isEqualTo(50);
    assertThatThrownBy(() -> TtlJitter.of(51)).isInstanceOf(IllegalArgumentException.class)
      .hasMessage("TTL jitter is a percentage from 0 (off) to 50, got 51");
    assertThatThrownBy(() -> TtlJitter.of(-1)).isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("got -1");
    assertThatThrownBy(() -> new TtlJitter(100, LOWEST)).isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Duration> draws(TtlJitter jitter, int count) {
    return draws(jitter, HUNDRED_SECONDS, count);
  }

  private static List<Duration> draws(TtlJitter jitter, Ttl ttl, int count) {
    List<Duration> drawn = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      drawn.add(jitter.effective(ttl));
    }
    return drawn;
  }
}
