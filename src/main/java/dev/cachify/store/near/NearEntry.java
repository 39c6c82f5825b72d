package dev.cachify.store.near;

import dev.cachify.store.impl.DecodedBytes;
import io.vertx.core.buffer.Buffer;

/**
 * A value kept in process: the bytes read from the backing store (decoded once per decoder) and
 * the instant (ticker nanos) after which it may no longer be answered.
 */
final class NearEntry extends DecodedBytes {

  private final long deadline;

  NearEntry(Buffer bytes, long deadline) {
    super(bytes);
    this.deadline = deadline;
  }

  long deadline() {
    return deadline;
  }
}
