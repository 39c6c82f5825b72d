package dev.cachify.service.bridge.tcp;

import dev.cachify.service.bridge.Refused;

/**
 * A frame the bridge will not forward, with what it knew of the request when it stopped: an
 * answer goes to {@link #replyAddress()} when the frame had a usable one.
 */
final class FrameException extends Exception {

  private final transient Refused refused;
  private final String address;
  private final String replyAddress;

  FrameException(Refused refused, String address, String replyAddress) {
    super(refused.message(), null, false, false);
    this.refused = refused;
    this.address = address;
    this.replyAddress = replyAddress;
  }

  Refused refused() {
    return refused;
  }

  String address() {
    return address;
  }

  String replyAddress() {
    return replyAddress;
  }
}
