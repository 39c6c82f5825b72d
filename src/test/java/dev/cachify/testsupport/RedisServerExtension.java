package dev.cachify.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one private redis-server for the whole run: started lazily by the first class that
 * uses this extension, kept in the root context's store so every later class gets the same one,
 * and stopped when the run ends (JUnit closes the root store).
 *
 * <pre>{@code
 * @ExtendWith(RedisServerExtension.class)
 * class SomeRedisTest {
 *   @Test
 *   void works(PrivateRedis redis) { ... redis.url() ... }
 * }
 * }</pre>
 *
 * Code that cannot take a parameter (a fixture built in {@code @BeforeAll}) calls
 * {@link #server()}: the extension's {@code beforeAll} runs before the class's own.
 */
public final class RedisServerExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
    ExtensionContext.Namespace.create(RedisServerExtension.class);

  private static volatile PrivateRedis shared;

  @Override
  public void beforeAll(ExtensionContext context) {
    shared = server(context);
  }

  /** The run's server, started on first use. */
  public static PrivateRedis server(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
      .getOrComputeIfAbsent(PrivateRedis.class, type -> PrivateRedis.launch(), PrivateRedis.class);
  }

  /** The run's server, for code running inside a class that uses this extension. */
  public static PrivateRedis server() {
    PrivateRedis redis = shared;
    if (redis == null) {
      throw new IllegalStateException("no private Redis: add @ExtendWith(RedisServerExtension.class) to the test class");
    }
    return redis;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PrivateRedis.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }
}
