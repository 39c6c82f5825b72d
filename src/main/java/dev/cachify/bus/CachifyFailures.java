package dev.cachify.bus;

import dev.cachify.CachifyClosedException;
import dev.cachify.codec.CodecException;
import dev.cachify.lock.CachifyLockException;
import dev.cachify.pool.PoolFullException;
import dev.cachify.store.StoreException;
import io.vertx.serviceproxy.ServiceException;

/**
 * The failure codes of the {@code cachify.*} addresses, HTTP-like so that a bridge or a gateway can
 * pass them on: every failed request carries one of these and a message saying what went wrong.
 * A {@code cachify.cache.load} whose loader failed answers with the loader's own code and message.
 * Over the JSON addresses they arrive as a {@code ReplyException}'s {@code failureCode()}; through
 * {@link CachifyService} as a {@code ServiceException}'s. {@link #STORE_UNAVAILABLE} and
 * {@link #LOADER_UNAVAILABLE} share 503: the message tells them apart.
 *
 * <pre>{@code
 * cachify.acquireLock(key, null).recover(e -> e instanceof ReplyException r && r.failureCode() == CachifyFailures.LOCKED
 *     ? retryLater(key) : Future.failedFuture(e));
 * }</pre>
 */
public final class CachifyFailures {

  /** The message is not what the address takes: not a JSON object, a field missing or invalid. */
  public static final int BAD_MESSAGE = 400;
  /** Another holder has the lock. */
  public static final int LOCKED = 423;
  /** Every slot of the pool is held. */
  public static final int POOL_FULL = 429;
  /** The store did not answer in time or refused the command, or the node's instance is closed (it is stopping). */
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

  /**
   * The failure of a message the address does not take.
   *
   * @param message what is wrong, naming the field
   * @return a failure with {@link #BAD_MESSAGE}
   */
  public static ServiceException badMessage(String message) {
    return new ServiceException(BAD_MESSAGE, message);
  }

  /**
   * The failure the caller gets for {@code error}: a {@code ServiceException} as it is, a lock
   * error {@link #LOCKED}, a full pool {@link #POOL_FULL}, a store error
   * {@link #STORE_UNAVAILABLE}, an invalid argument or value {@link #BAD_MESSAGE}, anything else
   * {@link #INTERNAL} (with the error's class in the message).
   *
   * @param error why a request failed
   * @return the failure to answer with
   */
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
    if (error instanceof StoreException || error instanceof CachifyClosedException) {
      // A closed instance is a node that is stopping: unavailable here, as an unreachable store is.
      return new ServiceException(STORE_UNAVAILABLE, error.getMessage());
    }
    if (error instanceof IllegalArgumentException || error instanceof CodecException) {
      return new ServiceException(BAD_MESSAGE, error.getMessage());
    }
    return new ServiceException(INTERNAL, error.getClass().getSimpleName() + ": " + error.getMessage());
  }
}
