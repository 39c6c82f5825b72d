package dev.cachify.service.users.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Serves the OpenAPI document at {@code /openapi.yaml} and Swagger UI over it at {@code /docs}. */
final class SwaggerDocs {

  static final String DOCUMENT = "openapi/users.yaml";
  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";

  private SwaggerDocs() {
  }

  static void mount(Router root) {
    Buffer document = resource(DOCUMENT);
    Buffer initializer = resource("docs/swagger-initializer.js");
    root.get("/openapi.yaml").handler(ctx -> ctx.response()
      .putHeader("Content-Type", "application/yaml").end(document));
    // Swagger UI's index.html loads its files relative to the page, so /docs must end in a slash.
    root.get("/docs").handler(ctx -> {
      if (ctx.request().path().endsWith("/")) {
        ctx.next();
      } else {
        ctx.redirect("/docs/");
      }
    });
    root.get("/docs/swagger-initializer.js").handler(ctx -> ctx.response()
      .putHeader("Content-Type", "application/javascript").end(initializer));
    root.route("/docs/*").handler(StaticHandler.create(WEBJAR + webjarVersion()));
  }

  private static String webjarVersion() {
    Properties properties = new Properties();
    try (InputStream in = stream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }

  private static Buffer resource(String path) {
    try (InputStream in = stream(path)) {
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream stream(String path) {
    InputStream in = SwaggerDocs.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("missing class-path resource " + path);
    }
    return in;
  }
}
