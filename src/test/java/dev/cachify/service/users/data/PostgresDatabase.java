package dev.cachify.service.users.data;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** The machine's PostgreSQL, as the users data tests use it. */
final class PostgresDatabase {

  static final String HOST = "127.0.0.1";
  static final int PORT = 5432;
  static final String URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/test?user=postgres";

  private PostgresDatabase() {
  }

  /** Skips the calling tests when nothing listens on {@value #PORT}. */
  static void assumeReachable() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, PORT), 1_000);
    } catch (IOException e) {
      Assumptions.abort("no PostgreSQL on " + HOST + ":" + PORT + " (" + e.getMessage() + "): skipping");
    }
  }
}
