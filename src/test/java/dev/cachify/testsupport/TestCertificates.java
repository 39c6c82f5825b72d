package dev.cachify.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority and a server certificate it signed for {@code 127.0.0.1} and
 * {@code localhost}, as PEM files in a temp directory: what a TLS redis-server and the clients that
 * trust it need. Made with the JDK's own {@code keytool}, so no openssl is needed; EC P-256 keys,
 * valid two days.
 */
public final class TestCertificates implements AutoCloseable {

  private static final String STORE_PASSWORD = "test-store-pass";

  private final Path dir;

  private TestCertificates(Path dir) {
    this.dir = dir;
  }

  /** Makes a fresh CA and server certificate. */
  public static TestCertificates create() {
    try {
      TestCertificates certificates = new TestCertificates(Files.createTempDirectory("cachify-tls-"));
      certificates.generate();
      return certificates;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make test certificates", e);
    }
  }

  /** The CA certificate (PEM): what a client trusts. */
  public Path caCert() {
    return dir.resolve("ca.crt");
  }

  /** The server's certificate (PEM), signed by the CA, naming 127.0.0.1 and localhost. */
  public Path serverCert() {
    return dir.resolve("server.crt");
  }

  /** The server's private key (unencrypted PKCS#8 PEM). */
  public Path serverKey() {
    return dir.resolve("server.key");
  }

  @Override
  public void close() {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Only a temp directory left behind.
    }
  }

  private void generate() throws IOException {
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
      "-dname", "CN=cachify test CA", "-ext", "bc:c", "-keystore", "ca.p12");
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.crt");
    keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
      "-dname", "CN=127.0.0.1", "-keystore", "server.p12");
    keytool("-certreq", "-alias", "server", "-keystore", "server.p12", "-file", "server.csr");
    keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-validity", "2",
      "-ext", "san=ip:127.0.0.1,dns:localhost", "-infile", "server.csr", "-outfile", "server.crt");
    writeServerKey();
  }

  /** keytool cannot export a private key: read it from the PKCS#12 store and write it as PEM. */
  private void writeServerKey() throws IOException {
    try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, STORE_PASSWORD.toCharArray());
      Key key = store.getKey("server", STORE_PASSWORD.toCharArray());
      String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
      Files.writeString(serverKey(), pem, StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the server key", e);
    }
  }

  private void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    // Each call starts a JVM for a moment: skip the optimising JIT and the parallel GC.
    command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-noprompt"));
    File log = dir.resolve("keytool.log").toFile();
    Process process = new ProcessBuilder(command).directory(dir.toFile())
      .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("keytool " + args[0] + " did not finish within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted", e);
    }
    if (process.exitValue() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + " exited with " + process.exitValue()
        + ": " + Files.readString(log.toPath()));
    }
  }
}
