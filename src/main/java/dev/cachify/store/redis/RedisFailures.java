package dev.cachify.store.redis;

import io.vertx.core.VertxException;

import javax.net.ssl.SSLHandshakeException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Says in words what the driver's failures mean to whoever configures the store (a refused
 * password, an untrusted certificate, a malformed URL), never quoting a connection string: it may
 * hold a password.
 */
final class RedisFailures {

  private RedisFailures() {
  }

  /** {@code error} itself, or an exception whose message explains it and whose cause is {@code error}. */
  static Throwable explain(Throwable error) {
    String message = String.valueOf(error.getMessage());
    if (message.startsWith("NOAUTH")) {
      return new VertxException("authentication failed, the server wants a password (redis://:password@host): "
        + message, error);
    }
    // WRONGPASS: Redis 6 and later (user or password); "ERR invalid password": Redis 5 and older.
    if (message.startsWith("WRONGPASS") || message.startsWith("ERR invalid password")) {
      return new VertxException("authentication failed, check the user and password of the Redis URL: "
        + message, error);
    }
    SSLHandshakeException tls = handshakeFailure(error);
    if (tls != null) {
      return new VertxException("TLS handshake failed: " + tls.getMessage()
        + " (the server's certificate must name the URL's host and chain to a trusted CA, see caFile)", error);
    }
    return error;
  }

  /**
   * Fails unless every endpoint parses as a URI. The driver parses them too, but its exception
   * carries a {@code URISyntaxException} that quotes the whole URL, password included.
   */
  static void requireParsable(List<String> endpoints) {
    for (int i = 0; i < endpoints.size(); i++) {
      try {
        new URI(endpoints.get(i));
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("Redis endpoint " + (i + 1) + " is not a valid URL: " + e.getReason()
          + " at index " + e.getIndex() + " (percent-encode reserved characters of a user or password)");
      }
    }
  }

  private static SSLHandshakeException handshakeFailure(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLHandshakeException handshake) {
        return handshake;
      }
    }
    return null;
  }
}
