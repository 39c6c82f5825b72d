package dev.cachify.fn;

import java.io.Serializable;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The declared parameter types of a function body, and the conversions a call's arguments may
 * take to fit them. Java erases a lambda's parameter types from its object, but a serializable
 * lambda still tells them: its {@link SerializedLambda} carries the method type it was created
 * for ({@code (Ljava/lang/Long;)...} for {@code (Long id) -> ...}). A class that implements the
 * body's interface declares them on its method.
 */
final class ParamTypes {

  private ParamTypes() {
  }

  /**
   * The boxed types of the first {@code count} parameters of {@code body}'s functional method, or
   * {@code null} when they cannot be read (a lambda that is not serializable, a module that does
   * not open the lambda's class) or all are {@code Object}: then any argument binds unchecked.
   */
  static Class<?>[] of(Object body, int count) {
    if (body == null || count == 0) {
      return null;
    }
    Class<?>[] types = fromSerializedLambda(body, count);
    if (types == null) {
      types = fromImplementation(body, count);
    }
    return types == null || allObject(types) ? null : types;
  }

  /** {@code type} boxed ({@code long} to {@code Long}); {@code null} to {@code Object}. */
  static Class<?> boxed(Class<?> type) {
    if (type == null) {
      return Object.class;
    }
    if (!type.isPrimitive()) {
      return type;
    }
    if (type == long.class) {
      return Long.class;
    }
    if (type == int.class) {
      return Integer.class;
    }
    if (type == double.class) {
      return Double.class;
    }
    if (type == boolean.class) {
      return Boolean.class;
    }
    if (type == float.class) {
      return Float.class;
    }
    if (type == short.class) {
      return Short.class;
    }
    if (type == byte.class) {
      return Byte.class;
    }
    if (type == char.class) {
      return Character.class;
    }
    throw new IllegalArgumentException("a parameter cannot be of type " + type);
  }

  static boolean allObject(Class<?>[] types) {
    for (Class<?> type : types) {
      if (type != Object.class) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code value} as a {@code to} when that loses nothing whatever the value: a whole number to a
   * wider whole number ({@code Integer} to {@code Long}), a whole number of at most 32 bits to
   * {@code Double}, up to 16 bits or a {@code Float} to {@code Float}/{@code Double}; else
   * {@code null}. Narrowing ({@code Long} to {@code Integer}) and text to numbers are refused:
   * whether they fit would depend on the value, not the type.
   */
  static Object widen(Object value, Class<?> to) {
    if (!(value instanceof Number number)) {
      return null;
    }
    int from = rank(value.getClass());
    if (from < 0) {
      return null;
    }
    if (to == Long.class && from <= LONG) {
      return number.longValue();
    }
    if (to == Integer.class && from <= INTEGER) {
      return number.intValue();
    }
    if (to == Short.class && from <= SHORT) {
      return number.shortValue();
    }
    if (to == Double.class && (from <= INTEGER || from == FLOAT)) {
      return number.doubleValue();
    }
    if (to == Float.class && from <= SHORT) {
      return number.floatValue();
    }
    return null;
  }

  private static final int BYTE = 0;
  private static final int SHORT = 1;
  private static final int INTEGER = 2;
  private static final int LONG = 3;
  private static final int FLOAT = 4;

  private static int rank(Class<?> type) {
    if (type == Byte.class) {
      return BYTE;
    }
    if (type == Short.class) {
      return SHORT;
    }
    if (type == Integer.class) {
      return INTEGER;
    }
    if (type == Long.class) {
      return LONG;
    }
    if (type == Float.class) {
      return FLOAT;
    }
    return -1;
  }

  private static Class<?>[] fromSerializedLambda(Object body, int count) {
    if (!(body instanceof Serializable)) {
      return null;
    }
    try {
      Method writeReplace = body.getClass().getDeclaredMethod("writeReplace");
      writeReplace.setAccessible(true);
      if (!(writeReplace.invoke(body) instanceof SerializedLambda lambda)) {
        return null;
      }
      MethodType type = MethodType.fromMethodDescriptorString(lambda.getInstantiatedMethodType(),
        body.getClass().getClassLoader());
      return first(type.parameterArray(), count);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null; // not a lambda, or one we may not look into: unchecked, as before
    }
  }

  /**
   * A class (not a lambda) that implements the body's interface: its one public method, neither
   * a bridge nor synthetic, that implements an abstract method of its interfaces.
   */
  private static Class<?>[] fromImplementation(Object body, int count) {
    Set<String> abstractNames = new HashSet<>();
    Deque<Class<?>> interfaces = new ArrayDeque<>();
    for (Class<?> c = body.getClass(); c != null; c = c.getSuperclass()) {
      interfaces.addAll(java.util.List.of(c.getInterfaces()));
    }
    while (!interfaces.isEmpty()) {
      Class<?> iface = interfaces.pop();
      for (Method method : iface.getDeclaredMethods()) {
        if (Modifier.isAbstract(method.getModifiers())) {
          abstractNames.add(method.getName());
        }
      }
      interfaces.addAll(java.util.List.of(iface.getInterfaces()));
    }
    Method found = null;
    for (Method method : body.getClass().getMethods()) {
      if (method.isBridge() || method.isSynthetic() || Modifier.isStatic(method.getModifiers())
        || method.getDeclaringClass() == Object.class || method.getParameterCount() < count
        || !abstractNames.contains(method.getName())) {
        continue;
      }
      if (found != null) {
        return null; // more than one candidate: do not guess
      }
      found = method;
    }
    return found == null ? null : first(found.getParameterTypes(), count);
  }

  private static Class<?>[] first(Class<?>[] parameters, int count) {
    if (parameters.length < count) {
      return null;
    }
    Class<?>[] types = new Class<?>[count];
    for (int i = 0; i < count; i++) {
      types[i] = boxed(parameters[i]);
    }
    return types;
  }
}
