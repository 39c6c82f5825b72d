package dev.cachify.service.cluster;

import dev.cachify.testsupport.ClusterSupport;
import dev.cachify.service.users.data.UserRepositoryAddresses;
import dev.cachify.service.users.UsersNode;
import dev.cachify.service.users.UsersSetups;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.cachify.contract.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests stay on the node that can serve them: two data nodes over one PostgreSQL table each
 * answer their own HTTP requests with their own repository (no hop), and a web-only node's
 * requests reach the data nodes. Counted by event-bus interceptors on each node.
 */
class ClusteredLocalityTest {

  static JsonObject database;
  static UsersNode a;
  static UsersNode b;
  static UsersNode web;

  @BeforeAll
  static void startCluster() {
    database = UsersSetups.postgres();
    String cluster = ClusterSupport.uniqueClusterName("locality");
    Vertx first = ClusterSupport.startNode(cluster);
    Vertx second = ClusterSupport.startNode(cluster, ClusterSupport.memberAddress(first));
    Vertx third = ClusterSupport.startNode(cluster, ClusterSupport.memberAddress(first));
    JsonObject config = database.copy().put("CACHIFY_STORE", "shared-data");
    a = new UsersNode(first, config);
    b = new UsersNode(second, config);
    web = new UsersNode(third, config.copy().put("ROLES", "http,cachify"));
  }

  @AfterAll
  static void stopCluster() {
    for (UsersNode node : new UsersNode[] {web, b, a}) {
      if (node != null) {
        node.close();
      }
    }
    if (database != null) {
      UsersSetups.dropTable(database);
    }
  }

  @Test
  void eachDataNodeServesItsOwnRequestsAndAWebNodeUsesTheDataNodes() {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ids.add(create(a.client(), "user" + i));
    }
    assertThat(a.requestsTo(UserRepositoryAddresses.CREATE)).isEqualTo(30);
    assertThat(b.requestsTo(UserRepositoryAddresses.CREATE)).isZero();

    int aReads = a.databaseReads();
    int bReads = b.databaseReads();
    ids.subList(0, 10).forEach(id -> read(a.client(), id));
    assertThat(a.databaseReads() - aReads).isEqualTo(10);
    assertThat(b.databaseReads() - bReads).isZero();

    ids.subList(10, 20).forEach(id -> read(b.client(), id));
    assertThat(b.databaseReads() - bReads).isEqualTo(10);
    assertThat(a.databaseReads() - aReads).isEqualTo(10);

    ids.subList(20, 30).forEach(id -> read(web.client(), id));
    assertThat(web.databaseReads()).isZero();
    assertThat((a.databaseReads() - aReads) + (b.databaseReads() - bReads)).isEqualTo(30);
  }

  private static long create(WebClient client, String name) {
    HttpResponse<?> response = await(client.post("/users")
      .sendJsonObject(new JsonObject().put("name", name).put("email", name + "@example.com")));
    assertThat(response.statusCode()).isEqualTo(201);
    return response.bodyAsJsonObject().getLong("id");
  }

  private static void read(WebClient client, long id) {
    assertThat(await(client.get("/users/" + id).send()).statusCode()).isEqualTo(200);
  }
}
