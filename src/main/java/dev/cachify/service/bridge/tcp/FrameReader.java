package dev.cachify.service.bridge.tcp;

import dev.cachify.service.bridge.Refusal;
import io.vertx.core.buffer.Buffer;

/**
 * Cuts a connection's bytes into frames: a 4-byte big-endian length, then that many bytes. It
 * holds at most one unfinished frame; a length over the limit, or negative, is refused as soon as
 * its 4 bytes arrive, before any of the announced bytes are kept.
 */
final class FrameReader {

  private final int maxFrameBytes;
  private Buffer pending = Buffer.buffer();
  private int offset;

  FrameReader(int maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  void append(Buffer chunk) {
    if (offset > 0) {
      // Drop what was read, so that the buffer holds only the unread part.
      pending = pending.getBuffer(offset, pending.length());
      offset = 0;
    }
    pending.appendBuffer(chunk);
  }

  /**
   * The next frame's bytes, or null until they have all arrived.
   *
   * @throws FrameException with {@link Refusal#FRAME_TOO_LARGE} or {@link Refusal#BAD_LENGTH}: the
   *   stream cannot be cut into frames any more
   */
  Buffer next() throws FrameException {
    int available = pending.length() - offset;
    if (available < 4) {
      return null;
    }
    int length = pending.getInt(offset);
    if (length < 0) {
      throw new FrameException(Refusal.BAD_LENGTH.because("the frame announces " + Integer.toUnsignedLong(length)
        + " bytes, a negative length; the connection closes"), null, null);
    }
    if (length > maxFrameBytes) {
      throw new FrameException(Refusal.FRAME_TOO_LARGE.because("the frame announces " + length
        + " bytes, over the limit of " + maxFrameBytes + "; the connection closes"), null, null);
    }
    if (available - 4 < length) {
      return null;
    }
    Buffer frame = pending.getBuffer(offset + 4, offset + 4 + length);
    offset += 4 + length;
    return frame;
  }

  /** Bytes held: at most one frame and its length, plus what arrived with it. */
  int buffered() {
    return pending.length() - offset;
  }
}
