package dev.cachify.service.bridge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The shared secret a bridge client puts in every message's {@value BridgeAccess#TOKEN_HEADER}
 * header. It never shows itself: {@link #toString()} hides it, so a record or a log line that
 * holds one prints {@code ***}. Comparison takes the same time whatever the given value.
 *
 * <pre>{@code
 * BridgeToken token = BridgeToken.of(System.getenv("BRIDGE_TOKEN")); // at least 16 characters
 * token.matches(headers.get("bridge-token"));
 * }</pre>
 */
public final class BridgeToken {

  /** Shorter tokens are refused: a guessable secret on a reachable port protects nothing. */
  public static final int MIN_LENGTH = 16;

  private final byte[] digest;

  private BridgeToken(String value) {
    this.digest = sha256(value);
  }

  /** The token, or an {@link IllegalArgumentException} naming the rule (never the value) when too short. */
  public static BridgeToken of(String value) {
    if (value == null || value.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("BRIDGE_TOKEN must be at least " + MIN_LENGTH + " characters, got "
        + (value == null ? 0 : value.length()));
    }
    return new BridgeToken(value);
  }

  /**
   * Whether {@code given} is this token. Both sides are hashed first, so the comparison's time
   * depends neither on where they differ nor on their lengths.
   */
  public boolean matches(String given) {
    return given != null && MessageDigest.isEqual(digest, sha256(given));
  }

  @Override
  public String toString() {
    return "***";
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
