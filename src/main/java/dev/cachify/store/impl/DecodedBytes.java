package dev.cachify.store.impl;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.function.Function;

/**
 * Stored bytes kept in process, with the answer last decoded from them and the decoder that made
 * it, so repeated hits through the same decoder (compared by identity) neither decode nor
 * allocate: what in-process stores give {@link dev.cachify.store.Store#getDecoded}. The bytes never change; a new
 * value is a new entry, so the memo cannot go stale.
 */
public abstract class DecodedBytes {

  private final Buffer bytes;
  /** Racy by design: two threads may both decode and one memo wins; both answers are equal. */
  private volatile Decoded memo;

  /**
   * Bytes and no memo yet.
   *
   * @param bytes the stored bytes, never changed afterwards
   */
  protected DecodedBytes(Buffer bytes) {
    this.bytes = bytes;
  }

  /**
   * The bytes themselves: callers outside the store get a copy.
   *
   * @return the stored bytes
   */
  public final Buffer bytes() {
    return bytes;
  }

  /**
   * The value decoded by {@code decoder} as a completed future, shared by every hit: a succeeded
   * future without a context is immutable, as Vert.x's own shared empty future is. A {@code null}
   * result (the decoder's "treat as a miss") and a decoder failure are not kept.
   *
   * @param decoder the decoder, compared by identity with the memo's
   * @param <T>     the decoded type
   * @return a completed future of the decoded value, of {@code null}, or of the decoder's failure
   */
  @SuppressWarnings("unchecked")
  public final <T> Future<T> decoded(Function<Buffer, T> decoder) {
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
