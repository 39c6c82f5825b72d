package dev.cachify.service.users.http;

import dev.cachify.service.bridge.sockjs.SockJsBridge;
import dev.cachify.service.ops.OpsRoutes;
import dev.cachify.service.users.UserService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;

/**
 * The users HTTP API: routes and request validation come from the OpenAPI document; the work is
 * the node's {@link UserService}; {@code /metrics} and {@code /health} beside it, and the SockJS
 * event-bus bridge at {@value SockJsBridge#PATH} when the node opens it. Deploy several instances
 * to use every event loop.
 */
public final class HttpVerticle extends VerticleBase {

  private final UserService users;
  private final HttpSettings settings;
  private final OpsRoutes ops;
  private final SockJsBridge bridge;
  private HttpServer server;

  public HttpVerticle(UserService users, HttpSettings settings, OpsRoutes ops) {
    this(users, settings, ops, null);
  }

  /** With the SockJS bridge at {@value SockJsBridge#PATH}; {@code bridge} null: none. */
  public HttpVerticle(UserService users, HttpSettings settings, OpsRoutes ops, SockJsBridge bridge) {
    this.users = users;
    this.settings = settings;
    this.ops = ops;
    this.bridge = bridge;
  }

  @Override
  public Future<?> start() {
    Future<Router> bridgeRouter = bridge == null ? Future.succeededFuture() : bridge.router(vertx, settings.bodyLimitBytes());
    return bridgeRouter.compose(sockJs -> OpenAPIContract.from(vertx, SwaggerDocs.DOCUMENT).compose(contract -> {
      RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
      new UsersApi(users).bind(builder);
      Router root = Router.router(vertx);
      if (sockJs != null) {
        // Before the API's body handler and routes: the bridge has its own.
        root.route(SockJsBridge.PATH + "/*").subRouter(sockJs);
      }
      root.route().handler(BodyHandler.create().setBodyLimit(settings.bodyLimitBytes()));
      SwaggerDocs.mount(root);
      ops.mount(root);
      root.route("/*").subRouter(builder.createRouter());
      errorHandlers(root);
      return vertx.createHttpServer().requestHandler(root).listen(settings.port(), settings.host());
    })).onSuccess(listening -> server = listening);
  }

  /** Port actually bound (useful when configured with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  private void errorHandlers(Router root) {
    root.errorHandler(400, ctx -> ApiResponses.json(ctx, 400, ValidationErrors.toJson(ctx.failure())));
    root.errorHandler(404, ctx -> ApiResponses.error(ctx, 404, "no such resource: " + ctx.request().path()));
    root.errorHandler(405, ctx -> ApiResponses.error(ctx, 405, "method not allowed"));
    root.errorHandler(413, ctx -> ApiResponses.error(ctx, 413,
      "request body over " + settings.bodyLimitBytes() + " bytes"));
    root.errorHandler(500, this::unexpected);
  }

  private void unexpected(RoutingContext ctx) {
    ApiResponses.fail(ctx, ctx.failure() == null ? new IllegalStateException("failed") : ctx.failure());
  }
}
