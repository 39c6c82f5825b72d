package dev.cachify.service.users;

import dev.cachify.store.StoreException;

/**
 * A change committed to the database, but the reset of the user's cached read that follows it
 * could not run: the cache may answer the old user until the entry expires. Repeating the request
 * once the store is back resets the entry (a repeated update writes the same row again; a repeated
 * delete finds no user and answers 404, after its reset).
 */
public final class StaleCacheException extends StoreException {

  public StaleCacheException(String message, Throwable cause) {
    super(message, cause);
  }
}
