package dev.cachify.service.users.data;

import dev.cachify.service.users.UserFailures;

/**
 * The repository's event-bus addresses: <b>internal</b>, for the nodes' own {@code UserService}
 * and health check only. They take what the repository trusts its callers to have decided (an
 * update's fencing token), so they are named outside {@code users.*} and {@code cachify.*} and no
 * bridge ever permits them; other services use the public contract of {@code UserAddresses}.
 * Every request is a JSON object; every reply a JSON object, or {@code fail(code, message)} with
 * a code of {@link UserFailures}.
 *
 * <table>
 *   <tr><th>address</th><th>request</th><th>reply</th><th>failures</th></tr>
 *   <tr><td>{@value #CREATE}</td><td>{@code {"name","email"}}</td><td>the user {@code {"id","name","email"}}</td><td>400, 500, 503</td></tr>
 *   <tr><td>{@value #GET}</td><td>{@code {"id"}}</td><td>the user</td><td>400, 404, 500, 503</td></tr>
 *   <tr><td>{@value #UPDATE}</td><td>{@code {"id","name","email","fence"?}}</td><td>the updated user</td><td>400, 404, 409, 500, 503</td></tr>
 *   <tr><td>{@value #DELETE}</td><td>{@code {"id"}}</td><td>{@code {"id","deleted":true}}</td><td>400, 404, 500, 503</td></tr>
 *   <tr><td>{@value #LIST}</td><td>{@code {"limit","offset"}} (both optional)</td><td>{@code {"users":[...],"limit","offset"}}</td><td>400, 500, 503</td></tr>
 *   <tr><td>{@value #HEALTH}</td><td>anything</td><td>{@code {"database"}}: the (redacted) URL, once a query ran</td><td>503</td></tr>
 * </table>
 */
public final class UserRepositoryAddresses {

  public static final String CREATE = "internal.users.create";
  public static final String GET = "internal.users.get";
  public static final String UPDATE = "internal.users.update";
  public static final String DELETE = "internal.users.delete";
  public static final String LIST = "internal.users.list";
  /** Answers once the data node's database ran a query: what a node's health check asks. */
  public static final String HEALTH = "internal.users.health";

  private UserRepositoryAddresses() {
  }
}
