package dev.cachify.service.users.data;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The users contract on SQLite: a database file in a temporary folder, a table per test. */
class UserRepositorySqliteTest extends UserRepositoryContract {

  @TempDir
  static Path folder;

  @Override
  protected String databaseUrl() {
    return "jdbc:sqlite:" + folder.resolve("users.db");
  }
}
