package dev.cachify.store.redis;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Lua script over one key (or keys of one hash slot), run by {@code EVALSHA} with its SHA-1 computed here, so the
 * usual call sends only the digest. When Redis answers {@code NOSCRIPT} (after a restart, a
 * {@code SCRIPT FLUSH} or a failover to a replica that never saw the script) the same call is sent
 * once more as {@code EVAL}, which also loads the script for the next {@code EVALSHA}.
 *
 * <p>One key per script keeps every script in one hash slot, so it runs unchanged on Redis Cluster.
 */
final class LuaScript {

  private final String source;
  private final String sha1;
  /** The digest as sent by every EVALSHA, encoded once. */
  private final byte[] sha1Bytes;

  LuaScript(String source) {
    this.source = Objects.requireNonNull(source, "source");
    this.sha1 = sha1(source);
    this.sha1Bytes = sha1.getBytes(StandardCharsets.US_ASCII);
  }

  /** The hex SHA-1 Redis uses to name this script. */
  String sha1() {
    return sha1;
  }

  String source() {
    return source;
  }

  /** Runs the script with {@code KEYS[1] = key} and {@code ARGV = args}. */
  Future<Response> run(Redis redis, String key, String... args) {
    return send(redis, new String[] {key}, args);
  }

  /** Runs the script with {@code KEYS = keys} (one hash slot on Redis Cluster) and {@code ARGV = args}. */
  Future<Response> runKeys(Redis redis, String[] keys, String... args) {
    return send(redis, keys, args);
  }

  /** The same with binary arguments (values), passed to Lua byte for byte. */
  Future<Response> runBinary(Redis redis, String key, Buffer... args) {
    return send(redis, new String[] {key}, args);
  }

  private Future<Response> send(Redis redis, String[] keys, Object[] args) {
    return redis.send(request(Request.cmd(Command.EVALSHA).arg(sha1Bytes), keys, args))
      .recover(error -> isNoScript(error)
        ? redis.send(request(Request.cmd(Command.EVAL).arg(source), keys, args))
        : Future.failedFuture(error));
  }

  private static Request request(Request request, String[] keys, Object[] args) {
    request.arg(keys.length);
    for (String key : keys) {
      request.arg(key);
    }
    for (Object arg : args) {
      if (arg instanceof Buffer bytes) {
        request.arg(bytes);
      } else {
        request.arg((String) arg);
      }
    }
    return request;
  }

  // The driver's error type lives in an impl package: the reply's error code is its message prefix.
  private static boolean isNoScript(Throwable error) {
    String message = error.getMessage();
    return message != null && message.startsWith("NOSCRIPT");
  }

  private static String sha1(String source) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }
}
