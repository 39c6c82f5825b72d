package dev.cachify.service.users.data;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The users contract on PostgreSQL ({@value PostgresDatabase#URL}), a table of its own per
 * test, dropped after it. Skipped when no PostgreSQL listens there.
 */
class UserRepositoryPostgresTest extends UserRepositoryContract {

  @BeforeAll
  static void needsPostgres() {
    PostgresDatabase.assumeReachable();
  }

  @Override
  protected String databaseUrl() {
    return PostgresDatabase.URL;
  }

  /** The nodes of a cluster start together against one database, so their CREATE TABLEs race. */
  @Test
  void nodesCreatingTheSameTableAtOnceAllStart() throws SQLException {
    String shared = table + "_shared";
    List<Vertx> nodes = IntStream.range(0, 4).mapToObj(i -> Vertx.vertx()).toList();
    try {
      for (int round = 0; round < 20; round++) {
        sql("DROP TABLE IF EXISTS " + shared);
        List<Future<String>> starting = nodes.stream()
          .map(node -> node.deployVerticle(new UserRepositoryVerticle(options().setTable(shared))))
          .toList();

        assertThat(starting.stream().map(UserRepositoryContract::await)).hasSize(nodes.size());
        nodes.forEach(node -> node.deploymentIDs().forEach(id -> await(node.undeploy(id))));
      }
    } finally {
      nodes.forEach(node -> await(node.close()));
      sql("DROP TABLE IF EXISTS " + shared);
    }
  }
}
