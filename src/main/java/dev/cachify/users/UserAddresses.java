package dev.cachify.users;

/**
 * The users service's event-bus contract. Every request is a JSON object; every reply is a JSON
 * object, or a failure {@code fail(code, message)} with one of the codes of {@link UserFailures}.
 *
 * <table>
 *   <tr><th>address</th><th>request</th><th>reply</th><th>failures</th></tr>
 *   <tr><td>{@value #CREATE}</td><td>{@code {"name","email"}}</td><td>the user {@code {"id","name","email"}}</td><td>400, 500, 503</td></tr>
 *   <tr><td>{@value #GET}</td><td>{@code {"id"}}</td><td>the user</td><td>400, 404, 500, 503</td></tr>
 *   <tr><td>{@value #UPDATE}</td><td>{@code {"id","name","email"}}</td><td>the updated user</td><td>400, 404, 500, 503</td></tr>
 *   <tr><td>{@value #DELETE}</td><td>{@code {"id"}}</td><td>{@code {"id","deleted":true}}</td><td>400, 404, 500, 503</td></tr>
 *   <tr><td>{@value #LIST}</td><td>{@code {"limit","offset"}} (both optional)</td><td>{@code {"users":[...],"limit","offset"}}</td><td>400, 500, 503</td></tr>
 *   <tr><td>{@value #HEALTH}</td><td>anything</td><td>{@code {"database"}}: the (redacted) URL, once a query ran</td><td>503</td></tr>
 * </table>
 */
public final class UserAddresses {

  public static final String CREATE = "users.create";
  public static final String GET = "users.get";
  public static final String UPDATE = "users.update";
  public static final String DELETE = "users.delete";
  public static final String LIST = "users.list";
  /** Answers once the data node's database ran a query: what a node's health check asks. */
  public static final String HEALTH = "users.health";

  private UserAddresses() {
  }
}
