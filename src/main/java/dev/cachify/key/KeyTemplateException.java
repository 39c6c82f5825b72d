package dev.cachify.key;

import dev.cachify.CachifyException;

/** A key template that does not parse, or names an argument the function does not have. */
public class KeyTemplateException extends CachifyException {

  public KeyTemplateException(String message) {
    super(message);
  }
}
