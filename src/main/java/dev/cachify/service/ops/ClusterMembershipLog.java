package dev.cachify.service.ops;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * One INFO line when a node joins the Hazelcast cluster and one WARN when one leaves (its locks and
 * near-cache registrations go with it). Listens on Hazelcast itself: Vert.x's cluster manager takes
 * a single node listener, which Vert.x uses.
 */
public final class ClusterMembershipLog {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterMembershipLog.class);

  private final HazelcastInstance hazelcast;
  private final UUID registration;

  private ClusterMembershipLog(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
    this.registration = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        LOG.info("Cluster node joined: {} at {} - members now: {}", event.getMember().getUuid(),
          event.getMember().getAddress(), event.getMembers().size());
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        LOG.warn("Cluster node left: {} at {} - members now: {}", event.getMember().getUuid(),
          event.getMember().getAddress(), event.getMembers().size());
      }
    });
  }

  /** Starts logging membership changes when {@code vertx} is clustered through Hazelcast; else null. */
  public static ClusterMembershipLog start(Vertx vertx) {
    if (vertx.isClustered() && ((VertxInternal) vertx).clusterManager() instanceof HazelcastClusterManager hazelcast
      && hazelcast.getHazelcastInstance() != null) {
      return new ClusterMembershipLog(hazelcast.getHazelcastInstance());
    }
    return null;
  }

  public void stop() {
    if (hazelcast.getLifecycleService().isRunning()) {
      hazelcast.getCluster().removeMembershipListener(registration);
    }
  }
}
