package dev.cachify.testsupport;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.embedded.core.ExecutableProvider;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A redis-server process of the test run's own, on 127.0.0.1 and a free port, without persistence
 * ({@code --save "" --appendonly no}). Fault tests {@link #stop()} it and {@link #start()} it again
 * on the same port. Never the machine's shared Redis.
 *
 * <p>The binary is the {@code redis-server} on {@code PATH}, else the one shipped in the
 * embedded-redis jar. The system property {@code cachify.test.redis-server} forces a path, or
 * {@code embedded} for the jar's binary.
 *
 * <p>{@link #launch(String, TestCertificates)} makes a server that wants a password
 * ({@code requirepass}) and, given certificates, also serves TLS on a port of its own
 * ({@link #tlsPort()}, TLS only); the plain port stays, for the fixture's own PING and FLUSHALL.
 */
public final class PrivateRedis implements ExtensionContext.Store.CloseableResource {

  private static final String BINARY_PROPERTY = "cachify.test.redis-server";
  private static final String HOST = "127.0.0.1";
  private static final Duration READY_WITHIN = Duration.ofSeconds(15);

  private final File binary;
  private final int port;
  private final Path workDir;
  private final String password;
  private final TestCertificates tls;
  private final int tlsPort;
  private Process process;

  private PrivateRedis(File binary, int port, Path workDir, String password, TestCertificates tls, int tlsPort) {
    this.binary = binary;
    this.port = port;
    this.workDir = workDir;
    this.password = password;
    this.tls = tls;
    this.tlsPort = tlsPort;
  }

  /** Finds a binary and a free port and starts the server; answers once it answers PING. */
  public static PrivateRedis launch() {
    return launch(null, null);
  }

  /**
   * Like {@link #launch()}, for a server that wants {@code password} (none when {@code null}) and,
   * given {@code tls}, serves TLS on {@link #tlsPort()} with its server certificate. A binary that
   * cannot serve TLS here aborts the calling test (skipped, with the reason), it does not fail it.
   */
  public static PrivateRedis launch(String password, TestCertificates tls) {
    PrivateRedis redis;
    try {
      redis = new PrivateRedis(findBinary(), freePort(), Files.createTempDirectory("cachify-redis-"),
        password, tls, tls == null ? 0 : freePort());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a private redis-server", e);
    }
    // Also on a killed test JVM's normal exit path: never leave a server behind.
    Runtime.getRuntime().addShutdownHook(new Thread(redis::kill, "private-redis-stop"));
    if (tls == null) {
      redis.start();
    } else {
      redis.startServingTls();
    }
    System.out.println("private redis-server " + redis.binary + " on " + redis.url()
      + (tls == null ? "" : ", TLS on port " + redis.tlsPort)
      + (password == null ? "" : ", with a password"));
    return redis;
  }

  public int port() {
    return port;
  }

  /** The TLS-only port; 0 when the server was launched without certificates. */
  public int tlsPort() {
    return tlsPort;
  }

  public String host() {
    return HOST;
  }

  /** {@code redis://127.0.0.1:port} (database 0). */
  public String url() {
    return "redis://" + HOST + ":" + port;
  }

  /** The binary in use, for test logs. */
  public File binary() {
    return binary;
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts the server on its port (again); returns once it answers PING. No-op while running. */
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    List<String> command = new ArrayList<>(List.of(binary.getAbsolutePath(),
      "--port", Integer.toString(port),
      "--bind", HOST,
      "--save", "",
      "--appendonly", "no",
      "--dir", workDir.toString(),
      "--daemonize", "no"));
    if (password != null) {
      command.addAll(List.of("--requirepass", password));
    }
    if (tls != null) {
      command.addAll(List.of(
        "--tls-port", Integer.toString(tlsPort),
        "--tls-cert-file", tls.serverCert().toString(),
        "--tls-key-file", tls.serverKey().toString(),
        "--tls-ca-cert-file", tls.caCert().toString(),
        // Clients prove nothing with certificates of their own; they authenticate by password.
        "--tls-auth-clients", "no"));
    }
    try {
      process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        // A log file, not a pipe: nobody reads the output, and a full pipe would block the server.
        .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("redis.log").toFile()))
        .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + binary, e);
    }
    Process started = process;
    await("redis-server on port " + port + " answers PING (log: " + workDir.resolve("redis.log") + ")")
      .atMost(READY_WITHIN)
      .pollInterval(Duration.ofMillis(20))
      .until(() -> {
        if (!started.isAlive()) {
          throw new IllegalStateException("redis-server exited with " + started.exitValue()
            + "; see " + workDir.resolve("redis.log"));
        }
        return answersPing();
      });
  }

  /** Stops the server; returns once the process is gone and the port refuses connections. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    Process running = process;
    process = null;
    running.destroy();
    try {
      if (!running.waitFor(10, TimeUnit.SECONDS)) {
        running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.destroyForcibly();
    }
    await("port " + port + " closed").atMost(READY_WITHIN).pollInterval(Duration.ofMillis(20))
      .until(() -> !accepts());
  }

  /**
   * Starts a server launched with certificates and checks a TLS client gets through to it; aborts
   * the test when this binary or machine cannot serve TLS (a build without TLS exits at start on
   * the tls-* settings; one without its OpenSSL libraries does not start at all).
   */
  private void startServingTls() {
    try {
      start();
      String reply = tlsPing();
      if (!reply.startsWith("+PONG") && !reply.startsWith("-NOAUTH")) {
        throw new IllegalStateException("PING over TLS answered " + reply);
      }
    } catch (RuntimeException | IOException | GeneralSecurityException e) {
      String log = logTail();
      close();
      Assumptions.abort("redis-server " + binary + " cannot serve TLS here: " + e + "; its log ends with: " + log);
    }
  }

  /** The last lines of the server's log, for a message. */
  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(workDir.resolve("redis.log"), StandardCharsets.UTF_8);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** PING over TLS on the TLS port, trusting the test CA only; the first line of the reply. */
  private String tlsPing() throws IOException, GeneralSecurityException {
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    try (InputStream ca = Files.newInputStream(tls.caCert())) {
      trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress(HOST, tlsPort), 2_000);
      socket.setSoTimeout(5_000);
      socket.startHandshake();
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
        .readLine();
      return String.valueOf(reply);
    }
  }

  /** Drops every key of every database, over a raw connection. */
  public void flushAll() {
    String reply = command("FLUSHALL");
    if (!"+OK".equals(reply)) {
      throw new IllegalStateException("FLUSHALL answered " + reply);
    }
  }

  /** Ends the run: called by JUnit when the root context closes. Leaves no files behind. */
  @Override
  public void close() {
    stop();
    try (var files = Files.walk(workDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Only a temp directory left behind: not worth failing the run for.
    }
  }

  private synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  private boolean answersPing() {
    try {
      return "+PONG".equals(command("PING"));
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  private boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Sends one argument-less inline command, after {@code AUTH} when the server wants a password,
   * and answers the first line of the command's reply.
   */
  private String command(String name) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 500);
      socket.setSoTimeout(2_000);
      OutputStream out = socket.getOutputStream();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      if (password != null) {
        out.write(bulkCommand("AUTH", password));
        out.flush();
        String auth = in.readLine();
        if (!"+OK".equals(auth)) {
          return auth;
        }
      }
      out.write((name + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return in.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A command as a RESP array of bulk strings: its arguments may hold spaces or quotes. */
  private static byte[] bulkCommand(String... args) {
    StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
    for (String arg : args) {
      command.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
    }
    return command.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static File findBinary() throws IOException {
    String forced = System.getProperty(BINARY_PROPERTY);
    if (forced != null && !forced.isBlank()) {
      return "embedded".equals(forced) ? embeddedBinary() : new File(forced);
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        File candidate = new File(dir, "redis-server");
        if (candidate.isFile() && candidate.canExecute()) {
          return candidate;
        }
      }
    }
    return embeddedBinary();
  }

  /** embedded-redis copies the binary for this OS and CPU out of its jar into a temp file. */
  private static File embeddedBinary() throws IOException {
    File binary = ExecutableProvider.newJarResourceProvider().get();
    if (!binary.canExecute() && !binary.setExecutable(true)) {
      throw new IOException("cannot make " + binary + " executable");
    }
    return binary;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    }
  }
}
