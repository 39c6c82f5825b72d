package dev.cachify.service.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One users node as a real process: {@code java -jar target/cachify.jar -cluster} with its own
 * environment, working directory and log file ({@code target/it-logs/}). Started, it is up once it
 * logs "Node up"; {@link #kill()} is {@code kill -9}.
 */
final class NodeProcess implements AutoCloseable {

  static final Path JAR = Path.of("target", "cachify.jar");
  private static final Duration START_WITHIN = Duration.ofSeconds(90);
  /** Every node this JVM started, for {@link NodeLogsOnFailure}. */
  static final List<NodeProcess> STARTED = new CopyOnWriteArrayList<>();

  private final String name;
  private final int httpPort;
  private final Path log;
  private final Process process;

  private NodeProcess(String name, int httpPort, Path log, Process process) {
    this.name = name;
    this.httpPort = httpPort;
    this.log = log;
    this.process = process;
  }

  /** Starts the node; {@link #awaitUp()} waits for it. */
  static NodeProcess start(String name, Map<String, String> env) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: integration tests run after `mvn package` (mvn verify)");
    }
    try {
      Path logDir = Files.createDirectories(Path.of("target", "it-logs"));
      Path log = logDir.resolve(name + ".log");
      Path workDir = Files.createTempDirectory("cachify-node-" + name + "-");
      List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-jar", JAR.toAbsolutePath().toString(), "-cluster"));
      ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(env);
      NodeProcess node = new NodeProcess(name, Integer.parseInt(env.get("HTTP_PORT")), log, builder.start());
      STARTED.add(node);
      Runtime.getRuntime().addShutdownHook(new Thread(node.process::destroyForcibly, "kill-" + name));
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node " + name, e);
    }
  }

  /** Waits until the node logged "Node up"; fails with its log when it exits first. */
  NodeProcess awaitUp() {
    await("node " + name + " up").atMost(START_WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> {
      if (!process.isAlive()) {
        throw new AssertionError("node " + name + " exited with " + process.exitValue() + ":\n" + logTail());
      }
      return logText().contains("Node up");
    });
    return this;
  }

  String name() {
    return name;
  }

  int httpPort() {
    return httpPort;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  String logTail() {
    String text = logText();
    return text.length() <= 6_000 ? text : text.substring(text.length() - 6_000);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** {@code kill -9}: no shutdown hook, no goodbye to the cluster, locks left as they were. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String javaBinary() {
    return ProcessHandle.current().info().command().orElse("java");
  }
}
