package dev.cachify.fn;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The parameter list of a wrapped function: names in order, with optional defaults for trailing
 * parameters, and the types the function declares. Java lambdas keep no parameter names, so the
 * wrapper is told them here; key templates bind to these names or positions.
 *
 * <p><b>Types.</b> {@code Fn.of("id", (Long id) -> ...)} reads the declared type ({@code Long}) from
 * the lambda; {@link #withTypes} declares them by hand. A call's arguments are checked against them
 * when they are bound, before any key is formatted or store read: a number widens to a declared
 * wider number when that loses nothing ({@code Integer} to {@code Long}, see {@link #bind(Object...)}),
 * anything else that is not an instance of the declared type fails with an
 * {@link IllegalArgumentException} naming the parameter and both types. {@code null} binds to any
 * parameter. Without declared types ({@code Object}), every argument binds as it is.
 *
 * <pre>{@code
 * Params p = Params.of("a", "b").withTypes(Long.class, Long.class).withDefault("b", 5);
 * p.bind(1);                 // a=1L, b=5L: the Integers widen to the declared Longs
 * p.bind(Map.of("a", 1));    // the same call by name
 * p.bind("1");               // IllegalArgumentException: 'a' is declared java.lang.Long, got java.lang.String
 * }</pre>
 */
public final class Params {

  private static final Object REQUIRED = new Object();
  private static final Params NONE = new Params(new String[0], new Object[0], null);

  private final String[] names;
  private final Object[] defaults;
  /** The declared types, boxed; {@code null} when none is narrower than {@code Object}. */
  private final Class<?>[] types;

  private Params(String[] names, Object[] defaults, Class<?>[] types) {
    this.names = names;
    this.defaults = defaults;
    this.types = types;
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
    return new Params(names.clone(), defaults, null);
  }

  /**
   * A copy in which {@code name} takes {@code value} when a call leaves it out.
   *
   * @throws IllegalArgumentException when there is no such parameter, or {@code value} does not
   *                                  fit its declared type (it is converted as a call's would be)
   */
  public Params withDefault(String name, Object value) {
    int index = indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no parameter '" + name + "' among " + this);
    }
    Object[] copy = defaults.clone();
    copy[index] = types == null ? value : fitted(index, value);
    return new Params(names, copy, types);
  }

  /**
   * A copy that declares the parameters' types, one per parameter in order ({@code null} or
   * {@code Object.class}: any value; primitives stand for their boxes). Calls are then checked and
   * widened as {@link #bind(Object...)} says; defaults already given are checked now.
   *
   * <pre>{@code
   * Fn.of(Params.of("id").withTypes(Long.class), args -> repository.find(args.get("id")));
   * }</pre>
   *
   * @param types the declared type of each parameter
   * @return the parameters with these types
   * @throws IllegalArgumentException when the count differs from the parameters', or a default
   *                                  does not fit its type
   */
  public Params withTypes(Class<?>... types) {
    Objects.requireNonNull(types, "types");
    if (types.length != names.length) {
      throw new IllegalArgumentException(types.length + " types for the " + names.length + " parameters " + this);
    }
    Class<?>[] boxed = new Class<?>[types.length];
    for (int i = 0; i < types.length; i++) {
      boxed[i] = ParamTypes.boxed(types[i]);
    }
    Params typed = new Params(names, defaults, ParamTypes.allObject(boxed) ? null : boxed);
    if (typed.types == null) {
      return typed;
    }
    Object[] checked = defaults.clone();
    for (int i = 0; i < checked.length; i++) {
      if (checked[i] != REQUIRED) {
        checked[i] = typed.fitted(i, checked[i]);
      }
    }
    return new Params(names, checked, typed.types);
  }

  /**
   * These parameters typed as {@code body}'s functional method declares its first parameters: a
   * lambda whose interface extends {@link java.io.Serializable} (as {@code Fn.Body1} does), or an
   * object of a class that implements the interface. For wrappers that take their own functional
   * interfaces; when the types cannot be read, the parameters stay as they are (unchecked).
   *
   * @param body the function the parameters belong to
   * @return the parameters with the types read from {@code body}, or these parameters
   */
  public Params withTypesOf(Object body) {
    Class<?>[] read = ParamTypes.of(body, names.length);
    return read == null ? this : withTypes(read);
  }

  /** The declared type of the parameter at {@code index}, boxed; {@code Object} when none was declared. */
  public Class<?> type(int index) {
    Objects.checkIndex(index, names.length);
    return types == null ? Object.class : types[index];
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

  /**
   * Whether {@code values} bind as they are: one per parameter, each {@code null} or an instance
   * of its declared type, so nothing is filled in, converted or refused. What a wrapper's hot path
   * asks before it formats a key from the values without binding them.
   *
   * @param values a call's positional arguments
   * @return true when {@link #bind(Object...)} would answer exactly these values
   */
  public boolean accepts(Object[] values) {
    if (values == null || values.length != names.length) {
      return false;
    }
    Class<?>[] declared = types;
    if (declared != null) {
      for (int i = 0; i < declared.length; i++) {
        Object value = values[i];
        if (value != null && !declared[i].isInstance(value)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Binds positional values; missing trailing values take their defaults. Each value must fit its
   * parameter's declared type: an instance of it, {@code null}, or a number that widens to it
   * without loss (a {@code Byte}, {@code Short} or {@code Integer} to {@code Long}; a
   * {@code Byte} or {@code Short} to {@code Integer}; a {@code Byte} to {@code Short}; a
   * {@code Byte}, {@code Short}, {@code Integer} or {@code Float} to {@code Double}; a
   * {@code Byte} or {@code Short} to {@code Float}), which is then bound as the declared type.
   *
   * @param values the call's arguments, in parameter order
   * @return the bound arguments, widened where needed (the caller's array is never changed)
   * @throws IllegalArgumentException when there are too many values, a required one is missing, or
   *                                  a value does not fit its parameter's type (naming the
   *                                  parameter, its declared type and the value's type)
   */
  public Args bind(Object... values) {
    if (values == null) {
      values = new Object[] {null};
    }
    if (values.length > names.length) {
      throw new IllegalArgumentException("expected at most " + names.length + " arguments " + this
        + ", got " + values.length);
    }
    if (values.length == names.length) {
      return new Args(this, fitted(values, false)); // a varargs array is the call's own: no copy on the hot path
    }
    Object[] bound = Arrays.copyOf(values, names.length);
    for (int i = values.length; i < names.length; i++) {
      bound[i] = defaultOf(i);
    }
    return new Args(this, fitted(bound, true));
  }

  /**
   * Binds values by parameter name; missing ones take their defaults; types as in
   * {@link #bind(Object...)}.
   *
   * @param named the call's arguments by parameter name
   * @return the bound arguments
   * @throws IllegalArgumentException when a name is unknown, a required argument is missing, or a
   *                                  value does not fit its parameter's type
   */
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
    return new Args(this, fitted(bound, true));
  }

  /** {@code values} fitted to the declared types; copied before a change unless {@code owned}. */
  private Object[] fitted(Object[] values, boolean owned) {
    Class<?>[] declared = types;
    if (declared == null) {
      return values;
    }
    Object[] out = values;
    for (int i = 0; i < declared.length; i++) {
      Object value = out[i];
      if (value == null || declared[i].isInstance(value)) {
        continue;
      }
      Object widened = fitted(i, value);
      if (out == values && !owned) {
        out = values.clone();
      }
      out[i] = widened;
    }
    return out;
  }

  /** {@code value} as parameter {@code index} takes it, or an error naming both types. */
  private Object fitted(int index, Object value) {
    Class<?> declared = types[index];
    if (value == null || declared.isInstance(value)) {
      return value;
    }
    Object widened = ParamTypes.widen(value, declared);
    if (widened == null) {
      throw new IllegalArgumentException("argument '" + names[index] + "' is a " + value.getClass().getName()
        + ", but the parameter is declared " + declared.getName() + "; parameters are " + this);
    }
    return widened;
  }

  private Object defaultOf(int index) {
    if (defaults[index] == REQUIRED) {
      throw new IllegalArgumentException("missing argument '" + names[index] + "'; parameters are " + this);
    }
    return defaults[index];
  }

  /** The names in parentheses, {@code (a, b)}, as error messages name them. */
  @Override
  public String toString() {
    return Arrays.toString(names).replace('[', '(').replace(']', ')');
  }
}
