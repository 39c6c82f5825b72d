package dev.cachify.service.users;

import java.util.List;

/**
 * The users service's public event-bus contract, for other services: the HTTP API's operations
 * with the HTTP API's guarantees (the cached read, the {@code once}-guarded and fenced update that
 * resets the read after it commits, the delete that resets it). Served by every node with the
 * {@code http} role, through the same {@link UserService} as the HTTP API; open to the bridges.
 * Every request is a JSON object, checked by the HTTP API's rules (unknown fields are refused);
 * every reply a JSON object, or {@code fail(code, message)} with a code of {@link UserFailures},
 * which are the HTTP statuses.
 *
 * <table>
 *   <tr><th>address</th><th>request</th><th>reply</th><th>failures</th></tr>
 *   <tr><td>{@value #CREATE}</td><td>{@code {"name","email"}}</td><td>the user {@code {"id","name","email"}}</td><td>400, 500, 503, 504</td></tr>
 *   <tr><td>{@value #GET}</td><td>{@code {"id"}}</td><td>the user (cached)</td><td>400, 404, 500, 503, 504</td></tr>
 *   <tr><td>{@value #UPDATE}</td><td>{@code {"id","name","email"}}</td><td>the updated user</td><td>226 {@code update in progress}, 400, 404, 409, 500, 503, 504</td></tr>
 *   <tr><td>{@value #DELETE}</td><td>{@code {"id"}}</td><td>{@code {"id","deleted":true}}</td><td>400, 404, 500, 503, 504</td></tr>
 *   <tr><td>{@value #LIST}</td><td>{@code {"limit","offset"}} (both optional)</td><td>{@code {"users":[...],"limit","offset"}}</td><td>400, 500, 503, 504</td></tr>
 * </table>
 *
 * <p>{@value #SERVICE} serves the same operations to the typed client
 * ({@code UserBusService.createProxy(vertx)}).
 */
public final class UserAddresses {

  public static final String CREATE = "users.create";
  public static final String GET = "users.get";
  public static final String UPDATE = "users.update";
  public static final String DELETE = "users.delete";
  public static final String LIST = "users.list";
  /** The typed service; messages carry an {@code action} header. */
  public static final String SERVICE = "users.service";

  /** Every address of the public contract: what a bridge may send to. */
  public static final List<String> PUBLIC = List.of(CREATE, GET, UPDATE, DELETE, LIST, SERVICE);

  private UserAddresses() {
  }
}
