package dev.cachify.service.bridge.tcp;

import dev.cachify.service.bridge.BridgeAccess;
import dev.cachify.service.bridge.Refusal;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One frame of the TCP bridge protocol, checked: {@code {"type":"send","address","replyAddress"?,
 * "headers"?,"body"?}} or {@code {"type":"ping"}}. Every rule a frame breaks is a
 * {@link FrameException} naming it; nothing in a frame is trusted further than these checks.
 *
 * <ul>
 *   <li>the bytes are UTF-8 JSON text of an object;</li>
 *   <li>{@code type} is {@code send} or {@code ping} ({@code publish}, {@code register},
 *   {@code unregister} are the library's too, and are refused by the access policy);</li>
 *   <li>{@code address} and {@code replyAddress} are strings of 1 to {@value #MAX_ADDRESS_CHARS}
 *   printable characters;</li>
 *   <li>{@code headers} is an object of strings, but for {@code timeout} (a whole number of
 *   milliseconds up to the bridge's maximum, number or text); {@code codecName} and
 *   {@code localOnly} are not accepted (they would pick a codec or a delivery the bridge does not
 *   offer).</li>
 * </ul>
 */
record Frame(String type, String address, String replyAddress, Map<String, String> headers, Long timeoutMs,
             Object body) {

  static final String SEND = "send";
  static final String PING = "ping";
  static final int MAX_ADDRESS_CHARS = 200;
  /** How much of the JSON parser's complaint an answer repeats. */
  private static final int MAX_DETAIL_CHARS = 160;

  boolean isPing() {
    return PING.equals(type);
  }

  /** The frame's JSON object, checked; {@code maxTimeoutMs} bounds its {@code timeout} header. */
  static Frame parse(Buffer bytes, long maxTimeoutMs) throws FrameException {
    JsonObject json = object(bytes);
    Object type = json.getValue("type");
    if (type == null) {
      throw new FrameException(Refusal.MISSING_TYPE.because("the frame has no type (send or ping)"), null, null);
    }
    if (!(type instanceof String name)) {
      throw new FrameException(Refusal.UNKNOWN_TYPE.because("type must be a string, got " + kind(type)), null, null);
    }
    switch (name) {
      case PING:
        return new Frame(PING, null, null, Map.of(), null, null);
      case "publish", "register", "unregister":
        throw new FrameException(BridgeAccess.notASend(name), null, null);
      case SEND:
        break;
      default:
        throw new FrameException(Refusal.UNKNOWN_TYPE.because("unknown type '" + clip(name) + "' (send or ping)"),
          null, null);
    }
    Object address = json.getValue("address");
    if (address == null) {
      throw new FrameException(Refusal.MISSING_ADDRESS.because("a send needs an address"), null, null);
    }
    String to = address(address, Refusal.BAD_ADDRESS, "address", null);
    Object reply = json.getValue("replyAddress");
    String replyTo = reply == null ? null : address(reply, Refusal.BAD_REPLY_ADDRESS, "replyAddress", to);
    Map<String, String> headers = new LinkedHashMap<>();
    Long timeoutMs = headers(json.getValue("headers"), headers, maxTimeoutMs, to, replyTo);
    return new Frame(SEND, to, replyTo, headers, timeoutMs, json.getValue("body"));
  }

  private static JsonObject object(Buffer bytes) throws FrameException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes.getBytes())).toString();
    } catch (CharacterCodingException e) {
      throw new FrameException(Refusal.INVALID_JSON.because("the frame is not UTF-8 text"), null, null);
    }
    Object value;
    try {
      value = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw new FrameException(Refusal.INVALID_JSON.because(text.isBlank() ? "the frame is empty" : firstLine(e)),
        null, null);
    }
    if (!(value instanceof JsonObject object)) {
      throw new FrameException(Refusal.NOT_AN_OBJECT.because("a frame is a JSON object, got " + kind(value)), null, null);
    }
    return object;
  }

  private static String address(Object value, Refusal refusal, String field, String knownAddress)
    throws FrameException {
    if (!(value instanceof String text)) {
      throw new FrameException(refusal.because(field + " must be a string, got " + kind(value)), knownAddress, null);
    }
    if (text.isEmpty() || text.length() > MAX_ADDRESS_CHARS) {
      throw new FrameException(refusal.because(field + " must have 1 to " + MAX_ADDRESS_CHARS + " characters, got "
        + text.length()), knownAddress, null);
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        throw new FrameException(refusal.because(field + " must not contain control characters"), knownAddress, null);
      }
    }
    return text;
  }

  /** Fills {@code into} with the string headers; answers the {@code timeout} header, or null. */
  private static Long headers(Object value, Map<String, String> into, long maxTimeoutMs, String address,
                              String replyAddress) throws FrameException {
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject headers)) {
      throw new FrameException(Refusal.BAD_HEADERS.because("headers must be an object of strings, got " + kind(value)),
        address, replyAddress);
    }
    Long timeoutMs = null;
    for (Map.Entry<String, Object> header : headers) {
      String name = header.getKey();
      Object headerValue = header.getValue();
      if (name.equals("timeout")) {
        timeoutMs = timeout(headerValue, maxTimeoutMs, address, replyAddress);
      } else if (name.equals("codecName") || name.equals("localOnly")) {
        throw new FrameException(Refusal.BAD_HEADERS.because("the " + name + " header is not accepted"),
          address, replyAddress);
      } else if (name.isEmpty() || !(headerValue instanceof String text)) {
        throw new FrameException(Refusal.BAD_HEADERS.because("headers must be an object of strings; '" + clip(name)
          + "' is " + kind(headerValue)), address, replyAddress);
      } else {
        into.put(name, text);
      }
    }
    return timeoutMs;
  }

  private static long timeout(Object value, long maxTimeoutMs, String address, String replyAddress)
    throws FrameException {
    Long ms = null;
    if (value instanceof Integer || value instanceof Long) {
      ms = ((Number) value).longValue();
    } else if (value instanceof String text && text.matches("\\d{1,12}")) {
      ms = Long.parseLong(text);
    }
    if (ms == null || ms < 1 || ms > maxTimeoutMs) {
      throw new FrameException(Refusal.BAD_TIMEOUT.because("the timeout header must be a whole number of "
        + "milliseconds, 1 to " + maxTimeoutMs + ", got " + clip(String.valueOf(value))), address, replyAddress);
    }
    return ms;
  }

  private static String kind(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof JsonObject) {
      return "an object";
    }
    if (value instanceof io.vertx.core.json.JsonArray) {
      return "an array";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return "a number";
  }

  private static String firstLine(DecodeException e) {
    String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("not JSON");
    return clip(message);
  }

  private static String clip(String text) {
    return text.length() <= MAX_DETAIL_CHARS ? text : text.substring(0, MAX_DETAIL_CHARS) + "...";
  }
}
