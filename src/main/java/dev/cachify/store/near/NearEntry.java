package dev.cachify.store.near;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.function.Function;

/**
 * A value kept in process: the bytes read from the backing store, the instant (ticker nanos) after
 * which it may no longer be answered, and the answer last decoded from the bytes with the decoder
 * that made it, so repeated hits through one decoder neither decode nor allocate. The bytes never
 * change; a new value is a new entry, so the memo cannot go stale.
 */
final class NearEntry {

  private final Buffer bytes;
  private final long deadline;
  /** Racy by design: two threads may both decode and one memo wins; both answers are equal. */
  private volatile Decoded memo;

  NearEntry(Buffer bytes, long deadline) {
    this.bytes = bytes;
    this.deadline = deadline;
  }

  /** The bytes themselves: callers outside the store get a copy. */
  Buffer bytes() {
    return bytes;
  }

  long deadline() {
    return deadline;
  }

  /**
   * The value decoded by {@code decoder} as a completed future, shared by every hit (a succeeded
   * future without a context is immutable). A {@code null} result (the decoder's "treat as a
   * miss") and a decoder failure are not remembered.
   */
  @SuppressWarnings("unchecked")
  <T> Future<T> decoded(Function<Buffer, T> decoder) {
    Decoded current = memo;
    if (current != null && current.decoder == decoder) {
      return (Future<T>) current.answer;
    }
    T value;
    try {
      value = decoder.apply(bytes);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (value == null) {
      return Future.succeededFuture();
    }
    Future<T> answer = Future.succeededFuture(value);
    memo = new Decoded(decoder, answer);
    return answer;
  }

  /** Final fields, so a memo read by another thread is seen fully built. */
  private record Decoded(Function<Buffer, ?> decoder, Future<?> answer) {
  }
}
