package dev.cachify.bus;

import dev.cachify.codec.CodecException;
import dev.cachify.lock.CachifyLockException;
import dev.cachify.pool.PoolFullException;
import dev.cachify.store.StoreException;
import io.vertx.serviceproxy.ServiceException;

/**
 * The failure codes of the {@code cachify.*} addresses, HTTP-like so that a bridge or a gateway can
 * pass them on: every failed request carries one of these and a message saying what went wrong.
 * A {@code cachify.cache.load} whose loader failed answers with the loader's own code and message.
 */
public final class CachifyFailures {

  /** The message is not what the address takes: not a JSON object, a field missing or invalid. */
  public static final int BAD_MESSAGE = 400;
  /** Another holder has the lock. */
  public static final int LOCKED = 423;
  /** Every slot of the pool is held. */
  public static final int POOL_FULL = 429;
  /** The store did not answer in time or refused the command. */
  public static final int STORE_UNAVAILABLE = 503;
  /** A load's loader answered something that is not a JSON value, or could not be asked. */
  public static final int BAD_LOADER_REPLY = 502;
  /** A load's loader address has no handler. */
  public static final int LOADER_UNAVAILABLE = 503;
  /** A load's loader did not answer within the loader timeout. */
  public static final int LOADER_TIMEOUT = 504;
  /** Anything else: a bug, reported rather than left to time out. */
  public static final int INTERNAL = 500;

  private CachifyFailures() {
  }

  public static ServiceException badMessage(String message) {
    return new ServiceException(BAD_MESSAGE, message);
  }

  /** The failure the caller gets for {@code error}. */
  public static ServiceException of(Throwable error) {
    if (error instanceof ServiceException service) {
      return service;
    }
    if (error instanceof CachifyLockException) {
      return new ServiceException(LOCKED, error.getMessage());
    }
    if (error instanceof PoolFullException) {
      return new ServiceException(POOL_FULL, error.getMessage());
    }
    if (error instanceof StoreException) {
      return new ServiceException(STORE_UNAVAILABLE, error.getMessage());
    }
    if (error instanceof IllegalArgumentException || error instanceof CodecException) {
      return new ServiceException(BAD_MESSAGE, error.getMessage());
    }
    return new ServiceException(INTERNAL, error.getClass().getSimpleName() + ": " + error.getMessage());
  }
}
