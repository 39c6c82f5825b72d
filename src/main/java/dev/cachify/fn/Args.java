package dev.cachify.fn;

/** The bound arguments of one call, readable by position or by parameter name. */
public final class Args {

  private final Params params;
  private final Object[] values;

  Args(Params params, Object[] values) {
    this.params = params;
    this.values = values;
  }

  /** The argument at {@code index}, cast to what the caller expects. */
  @SuppressWarnings("unchecked")
  public <T> T get(int index) {
    return (T) values[index];
  }

  /** The argument named {@code name}, cast to what the caller expects. */
  public <T> T get(String name) {
    int index = params.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no parameter '" + name + "' among " + params);
    }
    return get(index);
  }

  public int size() {
    return values.length;
  }

  public Params params() {
    return params;
  }
}
