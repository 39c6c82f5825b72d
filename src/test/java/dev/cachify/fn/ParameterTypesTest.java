package dev.cachify.fn;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Declared parameter types: read from the lambdas {@link Fn} and {@link BlockingFn} are given,
 * or declared by hand, and what binding a call's arguments does with them (widen a number without
 * loss, refuse anything else, naming the parameter and both types).
 */
class ParameterTypesTest {

  private static Future<String> find(long id) {
    return Future.succeededFuture("user-" + id);
  }

  @Test
  void aLambdasDeclaredTypesAreRead() {
    assertThat(Fn.of("id", (Long id) -> Future.succeededFuture(id)).params().type(0)).isEqualTo(Long.class);
    Params two = Fn.of("name", "ids", (String name, List<Long> ids) -> Future.succeededFuture(name)).params();
    assertThat(two.type(0)).isEqualTo(String.class);
    assertThat(two.type(1)).isEqualTo(List.class);
    assertThat(BlockingFn.of("id", (Integer id) -> id).params().type(0)).isEqualTo(Integer.class);
    assertThat(BlockingFn.of("a", "b", (Short a, Double b) -> a + b).params().type(1)).isEqualTo(Double.class);
  }

  @Test
  void aMethodReferenceOfAPrimitiveParameterDeclaresItsBox() {
    assertThat(Fn.of("id", ParameterTypesTest::find).params().type(0)).isEqualTo(Long.class);
  }

  @Test
  void whatCannotBeReadStaysUncheckedAndExplicitTypesFillIn() {
    Function<Long, Future<Long>> plain = id -> Future.succeededFuture(id); // not serializable
    Params unread = Fn.of("id", plain).params();
    assertThat(unread.type(0)).isEqualTo(Object.class);
    assertThat(unread.bind("anything").<Object>get(0)).isEqualTo("anything");
    assertThat(Fn.of("id", id -> Future.succeededFuture(id)).params().type(0)).isEqualTo(Object.class);

    assertThat(Fn.of("id", Long.class, plain).params().type(0)).isEqualTo(Long.class);
    assertThat(BlockingFn.of("a", Long.class, "b", long.class, (Long a, Long b) -> a + b).params().type(1))
      .isEqualTo(Long.class);
    assertThat(Params.of("a", "b").withTypes(int.class, null).type(0)).isEqualTo(Integer.class);
    assertThatThrownBy(() -> Params.of("a", "b").withTypes(Long.class))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(a, b)");
  }

  @Test
  void aClassImplementingTheInterfaceDeclaresItsTypes() {
    Function<Long, Future<Long>> anonymous = new Function<>() {
      @Override
      public Future<Long> apply(Long id) {
        return Future.succeededFuture(id);
      }
    };
    assertThat(Fn.of("id", anonymous).params().type(0)).isEqualTo(Long.class);
  }

  @Test
  void aTypeVariableErasesToObjectAndChecksNothing() {
    assertThat(generic().params().type(0)).isEqualTo(Object.class);
  }

  private static <T> Fn<T> generic() {
    return Fn.of("x", (T x) -> Future.succeededFuture(x));
  }

  @Test
  void numbersWidenWithoutLossAndTheFunctionGetsTheDeclaredType() {
    Fn<String> fn = Fn.of("id", (Long id) -> Future.succeededFuture(id.getClass().getSimpleName() + " " + id));
    assertThat(fn.invoke(fn.params().bind(1)).result()).isEqualTo("Long 1");
    assertThat(fn.invoke(fn.params().bind((short) 2)).result()).isEqualTo("Long 2");
    assertThat(fn.invoke(fn.params().bind(Map.of("id", (byte) 3))).result()).isEqualTo("Long 3");

    Params doubles = Params.of("x").withTypes(Double.class);
    assertThat(doubles.bind(7).<Object>get(0)).isEqualTo(7.0d);
    assertThat(doubles.bind(1.5f).<Object>get(0)).isEqualTo(1.5d);
    Params ints = Params.of("x").withTypes(Integer.class);
    assertThat(ints.bind((short) 4).<Object>get(0)).isEqualTo(4);
    assertThat(ints.bind((Object) null).<Object>get(0)).isNull();
  }

  @Test
  void bindingNeverChangesTheCallersArray() {
    Params longs = Params.of("a", "b").withTypes(Long.class, Long.class);
    Object[] call = {1, 2L};
    Args bound = longs.bind(call);
    assertThat(bound.<Object>get(0)).isEqualTo(1L);
    assertThat(call[0]).isEqualTo(1);
  }

  @Test
  void whatDoesNotFitFailsNamingTheParameterAndBothTypes() {
    Params longs = Fn.of("userId", (Long id) -> Future.succeededFuture(id)).params();
    assertThatThrownBy(() -> longs.bind("1"))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("'userId'").hasMessageContaining("java.lang.Long").hasMessageContaining("java.lang.String");
    Map<String, Object> named = new HashMap<>();
    named.put("userId", 1.0d);
    assertThatThrownBy(() -> longs.bind(named)).isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("'userId'").hasMessageContaining("java.lang.Double");
    // Narrowing depends on the value, not the type: refused even where it would fit.
    Params ints = Params.of("n").withTypes(Integer.class);
    assertThatThrownBy(() -> ints.bind(5L)).isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("java.lang.Integer").hasMessageContaining("java.lang.Long");
    assertThatThrownBy(() -> Params.of("x").withTypes(Float.class).bind(3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Params.of("x").withTypes(Double.class).bind(3L)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaultsAreWidenedOrRefusedWhenGiven() {
    Fn<Long> sum = Fn.of("a", "b", (Long a, Long b) -> Future.succeededFuture(a + b)).withDefault("b", 5);
    assertThat(sum.params().bind(1L).<Object>get(1)).isEqualTo(5L);
    assertThatThrownBy(() -> Fn.of("a", "b", (Long a, Long b) -> Future.succeededFuture(a + b)).withDefault("b", "5"))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'b'");
    Params typedLater = Params.of("a", "b").withDefault("b", 5).withTypes(Long.class, Long.class);
    assertThat(typedLater.bind(1L).<Object>get(1)).isEqualTo(5L);
  }

  @Test
  void acceptsIsTrueOnlyForValuesThatBindAsTheyAre() {
    Params longs = Params.of("a", "b").withTypes(Long.class, Object.class);
    assertThat(longs.accepts(new Object[] {1L, "x"})).isTrue();
    assertThat(longs.accepts(new Object[] {null, null})).isTrue();
    assertThat(longs.accepts(new Object[] {1, "x"})).isFalse();
    assertThat(longs.accepts(new Object[] {1L})).isFalse();
    assertThat(longs.accepts(null)).isFalse();
    assertThat(Params.of("a").accepts(new Object[] {"anything"})).isTrue();
  }
}
