package dev.cachify.service.bridge;

import dev.cachify.bus.CachifyAddresses;
import dev.cachify.service.users.UserAddresses;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who may send what through a bridge: sends to the public contracts' exact addresses
 * ({@link CachifyAddresses#PUBLIC}, {@link UserAddresses#PUBLIC}), nothing else (no
 * {@code internal.*}, no {@code __vertx.*}, no publish, no consumer); and, when the node has a
 * {@link BridgeToken}, only messages whose {@value #TOKEN_HEADER} header carries it. The bridges
 * strip that header before forwarding, so no service ever sees the token.
 *
 * <pre>{@code
 * BridgeAccess access = BridgeAccess.publicContracts(BridgeToken.of(secret));
 * Refused refused = access.checkSend("internal.users.get", headers); // NOT_PUBLIC, or null when allowed
 * }</pre>
 */
public final class BridgeAccess {

  /** The header that carries the token in every message. */
  public static final String TOKEN_HEADER = "bridge-token";
  /** The longest address a refusal's message repeats. */
  private static final int ECHOED_ADDRESS_CHARS = 100;

  private final Set<String> permitted;
  private final BridgeToken token;

  /** Sends to {@code permitted} only; {@code token} null: no token asked (a loopback bridge). */
  public BridgeAccess(Collection<String> permitted, BridgeToken token) {
    this.permitted = Set.copyOf(new LinkedHashSet<>(permitted));
    this.token = token;
  }

  /** The public contracts of the node: {@code cachify.*} and the users service's {@code users.*}. */
  public static BridgeAccess publicContracts(BridgeToken token) {
    return new BridgeAccess(Stream.concat(CachifyAddresses.PUBLIC.stream(), UserAddresses.PUBLIC.stream()).toList(), token);
  }

  public Set<String> permitted() {
    return permitted;
  }

  /** Whether every message must carry the token. */
  public boolean requiresToken() {
    return token != null;
  }

  /**
   * Null when a send to {@code address} with {@code headers} (may be null) may go; the refusal
   * otherwise. The token is checked first: a client without it learns nothing about addresses.
   */
  public Refused checkSend(String address, Map<String, String> headers) {
    if (token != null) {
      String given = headers == null ? null : headers.get(TOKEN_HEADER);
      if (given == null) {
        return Refusal.MISSING_TOKEN.because("this bridge needs the " + TOKEN_HEADER + " header in every message");
      }
      if (!token.matches(given)) {
        return Refusal.WRONG_TOKEN.because("wrong " + TOKEN_HEADER);
      }
    }
    if (!permitted.contains(address)) {
      return Refusal.NOT_PUBLIC.because(echo(address) + " is not a public address (the bridge sends to the "
        + "cachify.* and users.* public contracts only)");
    }
    return null;
  }

  /** The refusal of a frame that is not a send: bridge clients neither publish nor consume. */
  public static Refused notASend(String type) {
    return Refusal.NOT_A_SEND.because(type + " is not allowed: a bridge client may only send (requests, and sends "
      + "without reply)");
  }

  /**
   * Whether {@code host} is a loopback interface (127.0.0.0/8, {@code ::1}, {@code localhost}),
   * from its text alone: no name lookup, and any other name counts as reachable from outside.
   */
  public static boolean isLoopback(String host) {
    String h = host == null ? "" : host.trim().toLowerCase(java.util.Locale.ROOT);
    return h.equals("localhost") || h.equals("::1") || h.equals("[::1]")
      || h.matches("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
  }

  private static String echo(String address) {
    return address.length() <= ECHOED_ADDRESS_CHARS ? address : address.substring(0, ECHOED_ADDRESS_CHARS) + "...";
  }
}
