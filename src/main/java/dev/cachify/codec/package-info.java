/**
 * How cached values become bytes and back: the {@link dev.cachify.codec.Codec} interface, the
 * default {@link dev.cachify.codec.JsonCodec}, and {@link dev.cachify.codec.CodecException} for a
 * value that cannot be encoded or bytes that cannot be decoded.
 */
package dev.cachify.codec;
