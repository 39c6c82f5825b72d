package dev.cachify.store.memory;

import dev.cachify.store.impl.DecodedBytes;
import io.vertx.core.buffer.Buffer;

/** A cached value: its bytes (a private copy, decoded once per decoder) and its expiry. */
final class ValueEntry extends DecodedBytes implements StoreEntry {

  private final long deadline;

  ValueEntry(Buffer bytes, long deadline) {
    super(bytes);
    this.deadline = deadline;
  }

  @Override
  public long deadline() {
    return deadline;
  }
}
