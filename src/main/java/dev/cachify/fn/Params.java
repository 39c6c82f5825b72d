package dev.cachify.fn;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The parameter list of a wrapped function: names in order, with optional defaults for trailing
 * parameters. Java lambdas keep no parameter names, so the wrapper is told them here; key
 * templates bind to these names or positions.
 *
 * <pre>{@code
 * Params p = Params.of("a", "b").withDefault("b", 5);
 * p.bind(1);                 // a=1, b=5
 * p.bind(Map.of("a", 1));    // the same call by name
 * }</pre>
 */
public final class Params {

  private static final Object REQUIRED = new Object();
  private static final Params NONE = new Params(new String[0], new Object[0]);

  private final String[] names;
  private final Object[] defaults;

  private Params(String[] names, Object[] defaults) {
    this.names = names;
    this.defaults = defaults;
  }

  /** Parameters with these names, all required until {@link #withDefault} says otherwise. */
  public static Params of(String... names) {
    if (names.length == 0) {
      return NONE;
    }
    for (int i = 0; i < names.length; i++) {
      Objects.requireNonNull(names[i], "parameter name");
      for (int j = 0; j < i; j++) {
        if (names[j].equals(names[i])) {
          throw new IllegalArgumentException("duplicate parameter name '" + names[i] + "'");
        }
      }
    }
    Object[] defaults = new Object[names.length];
    Arrays.fill(defaults, REQUIRED);
    return new Params(names.clone(), defaults);
  }

  /** A copy in which {@code name} takes {@code value} when a call leaves it out. */
  public Params withDefault(String name, Object value) {
    int index = indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no parameter '" + name + "' among " + this);
    }
    Object[] copy = defaults.clone();
    copy[index] = value;
    return new Params(names, copy);
  }

  public int size() {
    return names.length;
  }

  public String name(int index) {
    return names[index];
  }

  /** Position of {@code name}, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Binds positional values; missing trailing values take their defaults. */
  public Args bind(Object... values) {
    if (values == null) {
      values = new Object[] {null};
    }
    if (values.length > names.length) {
      throw new IllegalArgumentException("expected at most " + names.length + " arguments " + this
        + ", got " + values.length);
    }
    if (values.length == names.length) {
      return new Args(this, values); // a varargs array is the call's own: no copy on the hot path
    }
    Object[] bound = Arrays.copyOf(values, names.length);
    for (int i = values.length; i < names.length; i++) {
      bound[i] = defaultOf(i);
    }
    return new Args(this, bound);
  }

  /** Binds values by parameter name; missing ones take their defaults. */
  public Args bind(Map<String, ?> named) {
    for (String name : named.keySet()) {
      if (indexOf(name) < 0) {
        throw new IllegalArgumentException("unknown argument '" + name + "'; parameters are " + this);
      }
    }
    Object[] bound = new Object[names.length];
    for (int i = 0; i < names.length; i++) {
      bound[i] = named.containsKey(names[i]) ? named.get(names[i]) : defaultOf(i);
    }
    return new Args(this, bound);
  }

  private Object defaultOf(int index) {
    if (defaults[index] == REQUIRED) {
      throw new IllegalArgumentException("missing argument '" + names[index] + "'; parameters are " + this);
    }
    return defaults[index];
  }

  @Override
  public String toString() {
    return Arrays.toString(names).replace('[', '(').replace(']', ')');
  }
}
