package dev.cachify.key;

import dev.cachify.CachifyException;

/**
 * A key template that does not parse, or names an argument the function does not have. Thrown when
 * the wrapper is built (by {@code cached(template)} or {@code wrap(fn)}), before anything runs; the
 * message names the template and the function's parameters.
 *
 * <pre>{@code
 * cachify.cached("read_user-{id}").wrap(Fn.of("userId", ...)); // throws: no parameter for {id}
 * }</pre>
 */
public class KeyTemplateException extends CachifyException {

  /**
   * A template error.
   *
   * @param message the template, what is wrong with it, and the parameters it was checked against
   */
  public KeyTemplateException(String message) {
    super(message);
  }
}
