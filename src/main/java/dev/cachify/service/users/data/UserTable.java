package dev.cachify.service.users.data;

import dev.cachify.service.users.User;
import dev.cachify.service.users.UserFailure;
import dev.cachify.service.users.UserFailures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The users table over a JDBC pool: one statement per operation, failures turned into
 * {@link UserFailure}s (503 when the database cannot be reached, 500 when it refuses a
 * statement).
 *
 * <p>The JDBC pool never notices a dead connection (a restarted database leaves every pooled
 * connection broken), so after a connection failure the pool is replaced by a fresh one: the
 * next request connects again.
 */
final class UserTable {

  private static final Logger LOG = LoggerFactory.getLogger(UserTable.class);
  /** How long a request waits for a free connection before it is answered 503. */
  private static final int CONNECTION_WAIT_MS = 10_000;
  /** The message of the pool's (shared, stack-less) exception for that wait. */
  private static final String POOL_WAIT_TIMEOUT = "Timeout waiting for connection";

  private final Vertx vertx;
  private final String jdbcUrl;
  private final int poolSize;
  private final UserSql sql;
  private Pool pool;
  private boolean reachable = true;

  UserTable(Vertx vertx, String jdbcUrl, String table, int poolSize) {
    this.vertx = vertx;
    this.jdbcUrl = JdbcUrls.effective(jdbcUrl);
    this.poolSize = poolSize;
    this.sql = UserSql.of(table, jdbcUrl);
    this.pool = newPool();
  }

  /**
   * Creates the table when absent (another node creating it at the same moment is fine), and adds
   * the fence column to a table made before fencing.
   */
  Future<Void> createIfAbsent() {
    Pool used = pool;
    return used.query(sql.createTable).execute().<Void>mapEmpty()
      .recover(failure -> createdMeanwhile(failure)
        ? Future.succeededFuture()
        // PostgreSQL reports a concurrent CREATE in several ways (duplicate table, type or
        // catalog key); whichever it was, a table that answers now is the one another node made.
        : used.query(sql.probeTable).execute().<Void>mapEmpty()
          .recover(absent -> Future.failedFuture(translate(failure, used))))
      .compose(created -> addFenceColumnIfMissing(used));
  }

  private Future<Void> addFenceColumnIfMissing(Pool used) {
    return used.query(sql.probeFence).execute().<Void>mapEmpty()
      .recover(missing -> used.query(sql.addFence).execute().<Void>mapEmpty()
        .onSuccess(added -> LOG.info("Added the fence column to the users table of {}", JdbcUrls.redact(jdbcUrl)))
        // Another node added it meanwhile: the probe answers now.
        .recover(failure -> used.query(sql.probeFence).execute().<Void>mapEmpty()
          .recover(still -> Future.failedFuture(translate(failure, used)))));
  }

  /** Runs one query on the table: succeeds when the database answers (a health check). */
  Future<Void> probe() {
    return run(sql.probeTable, Tuple.tuple()).mapEmpty();
  }

  Future<User> insert(String name, String email) {
    return run(sql.insert, Tuple.of(name, email)).map(UserTable::single);
  }

  /** The user, or null when there is none with that id. */
  Future<User> find(long id) {
    return run(sql.select, Tuple.of(id)).map(UserTable::single);
  }

  /** The updated user, or null when there is none with that id. */
  Future<User> update(long id, String name, String email) {
    return run(sql.update, Tuple.of(name, email, id)).map(UserTable::single);
  }

  /**
   * The updated user; null when there is none with that id; a STALE_FENCE failure when the row
   * was written with a higher fence than {@code fence} (nothing is written then).
   */
  Future<User> update(long id, String name, String email, long fence) {
    return run(sql.fencedUpdate, Tuple.of(name, email, fence, id, fence)).map(UserTable::single)
      .compose(user -> user != null ? Future.succeededFuture(user)
        : run(sql.selectFence, Tuple.of(id)).compose(rows -> rows.iterator().hasNext()
          ? Future.failedFuture(UserFailure.staleFence(id, fence))
          : Future.succeededFuture(null)));
  }

  /** Whether a row was deleted. */
  Future<Boolean> delete(long id) {
    return run(sql.delete, Tuple.of(id)).map(rows -> rows.iterator().hasNext());
  }

  Future<List<User>> list(int limit, long offset) {
    return run(sql.list, Tuple.of(limit, offset)).map(rows -> {
      List<User> users = new ArrayList<>(rows.size());
      rows.forEach(row -> users.add(user(row)));
      return users;
    });
  }

  Future<Void> close() {
    return pool.close();
  }

  private Future<RowSet<Row>> run(String statement, Tuple args) {
    Pool used = pool;
    return used.preparedQuery(statement).execute(args)
      .andThen(result -> {
        if (result.succeeded() && !reachable) {
          reachable = true;
          LOG.info("Users database {} is reachable again", JdbcUrls.redact(jdbcUrl));
        }
      })
      .recover(failure -> Future.failedFuture(translate(failure, used)));
  }

  private UserFailure translate(Throwable failure, Pool used) {
    // A failure on a pool replaced meanwhile is that pool being closed under the statement.
    if (isConnectionFailure(failure) || used != pool) {
      if (used == pool) {
        replacePool(failure);
      }
      return new UserFailure(UserFailures.UNAVAILABLE, "database unavailable: " + describe(failure));
    }
    LOG.warn("Users database refused a statement: {}", describe(failure));
    return new UserFailure(UserFailures.DATABASE_ERROR, "database error: " + describe(failure));
  }

  private void replacePool(Throwable failure) {
    if (reachable) {
      reachable = false;
      LOG.warn("Users database {} is not reachable: {}", JdbcUrls.redact(jdbcUrl), describe(failure));
    }
    Pool broken = pool;
    pool = newPool();
    broken.close();
  }

  private Pool newPool() {
    return JDBCPool.pool(vertx,
      // Without generated keys the driver hands back the rows of INSERT ... RETURNING.
      new JDBCConnectOptions().setJdbcUrl(jdbcUrl).setAutoGeneratedKeys(false),
      new PoolOptions().setMaxSize(poolSize).setConnectionTimeout(CONNECTION_WAIT_MS));
  }

  /** SQLState class 08 (connection exception), a refused socket, or no free connection in time. */
  static boolean isConnectionFailure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
        return true;
      }
      if (cause instanceof ConnectException || POOL_WAIT_TIMEOUT.equals(cause.getMessage())) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /**
   * PostgreSQL, when two nodes create the table at once: 42P07 duplicate table, 42710 duplicate
   * object (its row type), or 23505 on its catalog.
   */
  private static boolean createdMeanwhile(Throwable failure) {
    if (!(failure instanceof SQLException sql)) {
      return false;
    }
    String state = sql.getSQLState();
    return "42P07".equals(state) || "42710".equals(state) || "23505".equals(state);
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }

  private static User single(RowSet<Row> rows) {
    var iterator = rows.iterator();
    return iterator.hasNext() ? user(iterator.next()) : null;
  }

  private static User user(Row row) {
    // SQLite answers Integer ids, PostgreSQL Long: getLong reads both.
    return new User(row.getLong("id"), row.getString("name"), row.getString("email"));
  }
}
