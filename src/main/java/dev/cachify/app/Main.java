package dev.cachify.app;

import io.vertx.core.Deployable;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;

import java.util.function.Supplier;

/**
 * {@code java -jar target/cachify.jar [-cluster] [-conf file.json]}: the Vert.x launcher with
 * {@link MainVerticle} as the node's main verticle.
 */
public class Main extends VertxApplication implements VertxApplicationHooks {

  public Main(String[] args) {
    super(args);
  }

  public static void main(String[] args) {
    new Main(args).launch();
  }

  @Override
  public Supplier<? extends Deployable> verticleSupplier() {
    return MainVerticle::new;
  }
}
