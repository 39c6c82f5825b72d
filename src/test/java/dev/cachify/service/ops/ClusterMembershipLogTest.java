package dev.cachify.service.ops;

import dev.cachify.testsupport.ClusterSupport;
import dev.cachify.testsupport.LogCapture;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One line when a node joins and one when it leaves, as another member sees it. */
class ClusterMembershipLogTest {

  @Test
  void aJoinAndALeaveAreLoggedOnceEach() throws Exception {
    String cluster = ClusterSupport.uniqueClusterName("membership-log");
    Vertx first = ClusterSupport.startNode(cluster);
    ClusterMembershipLog log = ClusterMembershipLog.start(first);
    try (LogCapture logs = LogCapture.start()) {
      Vertx second = ClusterSupport.startNode(cluster, ClusterSupport.memberAddress(first));
      await("join logged").atMost(Duration.ofSeconds(30)).until(() -> logs.text().contains("Cluster node joined"));

      second.close().await(30, TimeUnit.SECONDS);
      await("leave logged").atMost(Duration.ofSeconds(30)).until(() -> logs.text().contains("Cluster node left"));

      String lines = logs.text().lines().filter(line -> line.contains(ClusterMembershipLog.class.getName()))
        .reduce("", (a, b) -> a + b + "\n");
      assertThat(lines.lines()).hasSize(2);
      assertThat(lines).contains("INFO " + ClusterMembershipLog.class.getName() + " - Cluster node joined")
        .contains("members now: 2")
        .contains("WARN " + ClusterMembershipLog.class.getName() + " - Cluster node left")
        .contains("members now: 1");
    } finally {
      log.stop();
      first.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aNodeOnItsOwnLogsNothing() throws Exception {
    Vertx alone = Vertx.vertx();
    try {
      assertThat(ClusterMembershipLog.start(alone)).isNull();
    } finally {
      alone.close().await(10, TimeUnit.SECONDS);
    }
  }
}
