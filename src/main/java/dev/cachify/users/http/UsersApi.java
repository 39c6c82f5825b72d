package dev.cachify.users.http;

import dev.cachify.users.UserRules;
import dev.cachify.users.UserService;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;

/** The handlers of the OpenAPI operations; requests reach them already validated. */
final class UsersApi {

  private static final JsonObject IN_PROGRESS = new JsonObject().put("status", "update in progress");

  private final UserService users;

  UsersApi(UserService users) {
    this.users = users;
  }

  void bind(RouterBuilder builder) {
    builder.getRoute("createUser").addHandler(this::create);
    builder.getRoute("getUser").addHandler(this::get);
    builder.getRoute("updateUser").addHandler(this::update);
    builder.getRoute("deleteUser").addHandler(this::delete);
    builder.getRoute("listUsers").addHandler(this::list);
  }

  private void create(RoutingContext ctx) {
    users.create(body(ctx)).onComplete(ApiResponses.ok(ctx, user -> ctx.response()
      .setStatusCode(201)
      .putHeader("Location", "/users/" + user.id())
      .putHeader("Content-Type", ApiResponses.JSON)
      .end(user.toJson().toBuffer())));
  }

  private void get(RoutingContext ctx) {
    // The cached JSON goes out as stored: a hit costs no decoding and no encoding.
    users.readJson(id(ctx)).onComplete(ApiResponses.ok(ctx, json -> ctx.response()
      .putHeader("Content-Type", ApiResponses.JSON).end(json)));
  }

  private void update(RoutingContext ctx) {
    users.update(id(ctx), body(ctx)).onComplete(ApiResponses.ok(ctx,
      user -> ApiResponses.json(ctx, 200, user.toJson()),
      locked -> ApiResponses.json(ctx, 226, IN_PROGRESS)));
  }

  private void delete(RoutingContext ctx) {
    users.delete(id(ctx)).onComplete(ApiResponses.ok(ctx, done -> ctx.response().setStatusCode(204).end()));
  }

  private void list(RoutingContext ctx) {
    ValidatedRequest request = validated(ctx);
    int limit = intParam(request, "limit", UserRules.LIST_DEFAULT);
    int offset = intParam(request, "offset", 0);
    users.list(limit, offset).onComplete(ApiResponses.ok(ctx, page -> ApiResponses.json(ctx, 200, page)));
  }

  /** A validated query parameter; the validator leaves absent ones null rather than defaulted. */
  private static int intParam(ValidatedRequest request, String name, int fallback) {
    RequestParameter parameter = request.getQuery().get(name);
    return parameter == null || parameter.isNull() ? fallback : ((Number) parameter.get()).intValue();
  }

  private static long id(RoutingContext ctx) {
    return ((Number) validated(ctx).getPathParameters().get("id").get()).longValue();
  }

  private static JsonObject body(RoutingContext ctx) {
    return validated(ctx).getBody().getJsonObject();
  }

  private static ValidatedRequest validated(RoutingContext ctx) {
    return ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }
}
