package dev.cachify.service.bridge;

import java.util.Locale;

/**
 * Why a bridge refused a frame. The client sees {@link #code()} first in the answer's message
 * ({@code "access_denied: wrong bridge-token"}), with {@link #failureCode()} when the answer goes
 * to a reply address; {@code /metrics} counts each {@link #tag()} in
 * {@code cachify_bridge_refused_total{bridge,reason}}. A fixed set, so the metric's tags stay few.
 */
public enum Refusal {
  INVALID_JSON("invalid_json", 400),
  NOT_AN_OBJECT("not_an_object", 400),
  MISSING_TYPE("missing_type", 400),
  UNKNOWN_TYPE("unknown_type", 400),
  MISSING_ADDRESS("missing_address", 400),
  BAD_ADDRESS("bad_address", 400),
  BAD_REPLY_ADDRESS("bad_reply_address", 400),
  BAD_HEADERS("bad_headers", 400),
  BAD_TIMEOUT("bad_timeout", 400),
  /** The announced length is over the limit: the connection closes after the answer. */
  FRAME_TOO_LARGE("frame_too_large", 413),
  /** The announced length is negative (over 2^31 - 1 unsigned): the connection closes after the answer. */
  BAD_LENGTH("bad_length", 400),
  MISSING_TOKEN("access_denied", 403),
  WRONG_TOKEN("access_denied", 403),
  NOT_PUBLIC("access_denied", 403),
  /** {@code publish}, {@code register}, {@code unregister}: a bridge client may only send. */
  NOT_A_SEND("access_denied", 403);

  private final String code;
  private final int failureCode;

  Refusal(String code, int failureCode) {
    this.code = code;
    this.failureCode = failureCode;
  }

  /** What the answer's message starts with; the library's own codes where it has one. */
  public String code() {
    return code;
  }

  /** The {@code failureCode} of an answer to a reply address: 400, 403 or 413. */
  public int failureCode() {
    return failureCode;
  }

  /** The {@code reason} tag of the refusal counter, e.g. {@code wrong_token}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The refusal with its detail: {@code code + ": " + detail}. */
  public Refused because(String detail) {
    return new Refused(this, code + ": " + detail);
  }
}
