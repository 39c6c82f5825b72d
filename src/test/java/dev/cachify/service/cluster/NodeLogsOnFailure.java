package dev.cachify.service.cluster;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Prints the nodes' logs when a test fails: the processes' own account of what happened. */
final class NodeLogsOnFailure implements TestWatcher {

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    for (NodeProcess node : NodeProcess.STARTED) {
      System.err.println("---- log of " + node.name() + (node.isAlive() ? "" : " (exited)") + " ----\n" + node.logTail());
    }
  }
}
