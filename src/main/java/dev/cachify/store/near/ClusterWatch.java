package dev.cachify.store.near;

import io.vertx.core.Context;
import io.vertx.core.spi.cluster.ClusterManager;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells a near cache when the cluster's members change, as this node's cluster manager sees them.
 *
 * <p>It compares {@link ClusterManager#getNodes()} with the last answer every
 * {@value #POLL_MILLIS} ms, rather than registering a {@code NodeListener}: a cluster manager keeps
 * one node listener, and Vert.x's own HA manager holds it, so setting ours would silently replace
 * it. Polling a local list costs next to nothing and works with any cluster manager.
 */
final class ClusterWatch {

  static final long POLL_MILLIS = 100;

  /** Called on the watch's context with what changed since the last call. */
  interface Listener {
    void changed(Set<String> left, Set<String> joined);
  }

  private final Context context;
  private final ClusterManager clusterManager;
  private final Listener listener;
  private Set<String> known;
  private long timer = -1;
  private boolean stopped;

  private ClusterWatch(Context context, ClusterManager clusterManager, Listener listener) {
    this.context = context;
    this.clusterManager = clusterManager;
    this.listener = listener;
  }

  /** Starts watching from the members of now, on {@code context}. */
  static ClusterWatch start(Context context, ClusterManager clusterManager, Listener listener) {
    ClusterWatch watch = new ClusterWatch(context, clusterManager, listener);
    watch.known = watch.members();
    context.runOnContext(v -> watch.schedule());
    return watch;
  }

  /** The members now; none when this node is out of the cluster (leaving, or its manager stopped). */
  private Set<String> members() {
    if (!clusterManager.isActive()) {
      return Set.of();
    }
    List<String> nodes = clusterManager.getNodes();
    return nodes == null ? Set.of() : new HashSet<>(nodes);
  }

  private void schedule() {
    if (!stopped) {
      timer = context.owner().setTimer(POLL_MILLIS, id -> poll());
    }
  }

  private void poll() {
    if (stopped) {
      return;
    }
    Set<String> now = members();
    if (!now.equals(known)) {
      Set<String> left = new HashSet<>(known);
      left.removeAll(now);
      Set<String> joined = new HashSet<>(now);
      joined.removeAll(known);
      known = now;
      listener.changed(left, joined);
    }
    schedule();
  }

  void stop() {
    context.runOnContext(v -> {
      stopped = true;
      if (timer != -1) {
        context.owner().cancelTimer(timer);
      }
    });
  }
}
