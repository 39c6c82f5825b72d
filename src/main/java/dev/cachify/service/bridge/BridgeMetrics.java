package dev.cachify.service.bridge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counts what one bridge refused: {@code cachify_bridge_refused_total{bridge="tcp|sockjs",reason}},
 * every reason registered at zero so that a dashboard sees the series before the first refusal.
 */
public final class BridgeMetrics {

  public static final String REFUSED = "cachify.bridge.refused";

  private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);

  public BridgeMetrics(MeterRegistry registry, String bridge) {
    for (Refusal refusal : Refusal.values()) {
      refused.put(refusal, Counter.builder(REFUSED)
        .description("Frames a bridge refused, by reason")
        .tag("bridge", bridge)
        .tag("reason", refusal.tag())
        .register(registry));
    }
  }

  public void refused(Refusal refusal) {
    refused.get(refusal).increment();
  }
}
