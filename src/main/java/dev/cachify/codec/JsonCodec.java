package dev.cachify.codec;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.jackson.DatabindCodec;

/**
 * JSON through Jackson (the Vert.x {@link DatabindCodec} mapper, so Vert.x {@code JsonObject}
 * and {@code JsonArray} work too). {@link #untyped()} decodes to Vert.x JSON types and boxed
 * numbers; {@link #of(Class)} to a class, e.g. a record. Jackson modules registered on that mapper
 * apply. Thread-safe.
 *
 * <pre>{@code
 * Codec<User> users = JsonCodec.of(User.class);
 * Codec<List<User>> lists = JsonCodec.of(new TypeReference<List<User>>() {});
 * }</pre>
 *
 * @param <T> the type of the values
 */
public final class JsonCodec<T> implements Codec<T> {

  private static final JsonCodec<Object> UNTYPED = new JsonCodec<>(null);

  private final JavaType type;

  private JsonCodec(JavaType type) {
    this.type = type;
  }

  /**
   * A codec of JSON-native values: it decodes to String, Number, Boolean, JsonObject, JsonArray;
   * any value Jackson can write encodes.
   *
   * @param <T> the type the caller expects; decoding does not check it
   * @return the shared untyped codec
   */
  @SuppressWarnings("unchecked")
  public static <T> JsonCodec<T> untyped() {
    return (JsonCodec<T>) UNTYPED;
  }

  /**
   * A codec that decodes to {@code type}, a class or a record Jackson can read.
   *
   * @param type the class of the values
   * @param <T>  the type of the values
   * @return the codec
   */
  public static <T> JsonCodec<T> of(Class<T> type) {
    return new JsonCodec<>(mapper().constructType(type));
  }

  /**
   * A codec that decodes to a generic type, such as {@code new TypeReference<List<User>>() {}}.
   *
   * @param type the type of the values
   * @param <T>  the type of the values
   * @return the codec
   */
  public static <T> JsonCodec<T> of(TypeReference<T> type) {
    return new JsonCodec<>(mapper().constructType(type));
  }

  @Override
  public Buffer encode(T value) {
    try {
      return Json.CODEC.toBuffer(value, false);
    } catch (RuntimeException e) {
      throw new CodecException("cannot encode a " + value.getClass().getName() + " as JSON: " + e.getMessage(), e);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public T decode(Buffer bytes) {
    try {
      if (type == null) {
        return (T) Json.CODEC.fromBuffer(bytes, Object.class);
      }
      return mapper().readValue(bytes.getBytes(), type);
    } catch (Exception e) {
      throw new CodecException("cannot decode stored JSON as " + (type == null ? "JSON" : type.toString())
        + ": " + e.getMessage(), e);
    }
  }

  private static ObjectMapper mapper() {
    return DatabindCodec.mapper();
  }
}
