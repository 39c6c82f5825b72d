package dev.cachify.service.docker;

import dev.cachify.service.app.AppConfig;
import dev.cachify.service.cluster.ClusterSettings;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.cachify.service.docker.ComposeFile.POSTGRES;
import static dev.cachify.service.docker.ComposeFile.REDIS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build machine has no Docker engine, so {@code docker/compose.yaml} and
 * {@code docker/Dockerfile} never run here: this checks their wiring instead. Each check lists its
 * problems as sentences, so a failure says what is wrong; the {@code ...IsCaught} tests break a copy
 * of a file and show that the check notices.
 */
class ComposeFileTest {

  static final Path REPO = Path.of("").toAbsolutePath(); // surefire runs in the module's folder
  static final Path COMPOSE = REPO.resolve("docker/compose.yaml");
  static final Path DOCKERFILE = REPO.resolve("docker/Dockerfile");

  static final Set<String> NODES = Set.of("node1", "node2", "node3");

  /** What {@link ClusterSettings#fromEnvironment} reads; it keeps no list of its own. */
  static final List<String> CLUSTER_KEYS =
    List.of("CLUSTER_NAME", "CLUSTER_MEMBERS", "CLUSTER_HOST", "CLUSTER_PUBLIC_HOST", "CLUSTER_PORT");
  /** Read by the JVM itself; the Dockerfile sets it, a node may override it. */
  static final String JVM_OPTIONS = "JAVA_TOOL_OPTIONS";

  // ---------------------------------------------------------------------------------------------
  // compose.yaml

  @Test
  void composeDefinesRedisPostgresAndThreeNodes() throws IOException {
    assertThat(serviceProblems(compose())).as("services of %s", COMPOSE).isEmpty();
  }

  @Test
  void everyNodeRunsTheImageBuiltFromDockerDockerfileWithTheRepositoryAsContext() throws IOException {
    assertThat(buildProblems(compose())).as("how the nodes get their image").isEmpty();
  }

  @Test
  void clusterMembersAreExactlyTheNodesAndEachNodeAdvertisesItsOwnName() throws IOException {
    assertThat(clusterProblems(compose())).as("CLUSTER_* settings of the nodes").isEmpty();
  }

  @Test
  void redisAndDatabaseUrlsPointAtTheirServices() throws IOException {
    assertThat(urlProblems(compose())).as("REDIS_URL and DATABASE_URL of the nodes").isEmpty();
  }

  @Test
  void eachNodePublishesItsHttpPortOnADistinctHostPort() throws IOException {
    assertThat(portProblems(compose())).as("published ports of the nodes").isEmpty();
  }

  @Test
  void nodesWaitForRedisAndAHealthyPostgres() throws IOException {
    assertThat(dependencyProblems(compose())).as("depends_on of the nodes").isEmpty();
  }

  @Test
  void everyNodeIsHealthyOnlyWhileItsHealthEndpointAnswers200() throws IOException {
    assertThat(healthcheckProblems(compose())).as("healthcheck of the nodes").isEmpty();
  }

  @Test
  void aNodeHealthcheckThatAcceptsAny503IsCaught() throws IOException {
    ComposeFile broken = ComposeFile.parse(Files.readString(COMPOSE).replace("grep -q ' 200 '", "grep -q HTTP"));

    assertThat(healthcheckProblems(broken)).hasSize(NODES.size());
  }

  @Test
  void nodesSetOnlySettingsTheAppReadsWithValuesItAccepts() throws IOException {
    assertThat(settingProblems(compose())).as("environment names and values of the nodes").isEmpty();
  }

  @Test
  void aMemberListMissingANodeIsCaught() throws IOException {
    ComposeFile broken = composeWith("CLUSTER_MEMBERS: node1,node2,node3", "CLUSTER_MEMBERS: node1,node2");
    assertThat(clusterProblems(broken)).isNotEmpty()
      .allSatisfy(problem -> assertThat(problem).contains("CLUSTER_MEMBERS", "node3"));
  }

  @Test
  void aNodeAdvertisingAnotherNodesNameIsCaught() throws IOException {
    ComposeFile broken = composeWith("CLUSTER_PUBLIC_HOST: node2", "CLUSTER_PUBLIC_HOST: node1");
    assertThat(clusterProblems(broken)).singleElement().asString()
      .contains("node2", "CLUSTER_PUBLIC_HOST", "node1");
  }

  @Test
  void aMisspelledSettingIsCaught() throws IOException {
    ComposeFile broken = composeWith("HTTP_PORT: ", "HTTP_PROT: ");
    assertThat(settingProblems(broken)).hasSize(NODES.size())
      .allSatisfy(problem -> assertThat(problem).contains("HTTP_PROT"));
  }

  // ---------------------------------------------------------------------------------------------
  // Dockerfile

  @Test
  void dockerfileBuildsTheJarAndRunsItClusteredAsANonRootUser() throws IOException {
    assertThat(DockerfileCheck.problems(Files.readString(DOCKERFILE))).as("stages of %s", DOCKERFILE).isEmpty();
  }

  @Test
  void theJarNameIsTheOneThePomBuilds() throws IOException {
    assertThat(Files.readString(REPO.resolve("pom.xml")))
      .as("pom.xml's shade finalName, which the Dockerfile copies as target/cachify.jar")
      .contains("<finalName>cachify</finalName>");
  }

  @Test
  void aRuntimeStageRunningAsRootOrUnclusteredIsCaught() throws IOException {
    String dockerfile = Files.readString(DOCKERFILE);
    assertThat(dockerfile).contains("\nUSER ", "\"-cluster\"");
    assertThat(DockerfileCheck.problems(dockerfile.replaceAll("\nUSER [^\n]*", "\nUSER root")))
      .singleElement().asString().contains("root");
    assertThat(DockerfileCheck.problems(dockerfile.replace(", \"-cluster\"", "")))
      .singleElement().asString().contains("-cluster");
  }

  // ---------------------------------------------------------------------------------------------
  // Checks over compose.yaml: each answers the list of what is wrong.

  static List<String> serviceProblems(ComposeFile compose) {
    List<String> problems = new ArrayList<>();
    Set<String> expected = new TreeSet<>(NODES);
    expected.addAll(List.of(REDIS, POSTGRES));
    if (!compose.services().keySet().equals(expected)) {
      problems.add("services are " + new TreeSet<>(compose.services().keySet()) + ", expected " + expected);
    }
    requireImage(compose, REDIS, "redis:7", problems);
    requireImage(compose, POSTGRES, "postgres:16", problems);
    return problems;
  }

  static List<String> buildProblems(ComposeFile compose) {
    List<String> problems = new ArrayList<>();
    Set<Object> builtImages = new HashSet<>();
    for (String node : compose.nodes()) {
      Object build = compose.service(node).get("build");
      if (build != null) {
        builtImages.add(compose.service(node).get("image"));
        problems.addAll(buildSectionProblems(node, build));
      }
    }
    for (String node : compose.nodes()) {
      Object image = compose.service(node).get("image");
      if (compose.service(node).get("build") == null && (image == null || !builtImages.contains(image))) {
        problems.add(node + ": neither builds docker/Dockerfile nor uses an image another node builds (image "
          + image + ", built: " + builtImages + ")");
      }
    }
    Set<Object> images = compose.nodes().stream().map(n -> compose.service(n).get("image")).collect(Collectors.toSet());
    if (images.size() > 1) {
      problems.add("the nodes run different images " + images + ": one image for all of them");
    }
    return problems;
  }

  private static List<String> buildSectionProblems(String node, Object build) {
    // Compose resolves the context against the file's folder, and the dockerfile against the context.
    if (!(build instanceof Map<?, ?> section)) {
      return List.of(node + ": build is the bare context '" + build + "', which uses <context>/Dockerfile, "
        + "not docker/Dockerfile");
    }
    List<String> problems = new ArrayList<>();
    Path context = COMPOSE.getParent().resolve(String.valueOf(section.get("context"))).normalize();
    if (!context.equals(REPO)) {
      problems.add(node + ": build context '" + section.get("context") + "' is " + context
        + ", not the repository root " + REPO);
    }
    Object dockerfile = section.get("dockerfile");
    Path resolved = context.resolve(dockerfile == null ? "Dockerfile" : dockerfile.toString()).normalize();
    if (!resolved.equals(DOCKERFILE)) {
      problems.add(node + ": build dockerfile '" + dockerfile + "' is " + resolved + ", not " + DOCKERFILE);
    }
    return problems;
  }

  static List<String> clusterProblems(ComposeFile compose) {
    List<String> problems = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String node : compose.nodes()) {
      ClusterSettings settings;
      try {
        settings = ClusterSettings.fromEnvironment(compose.environment(node));
      } catch (IllegalArgumentException e) {
        problems.add(node + ": the app rejects its CLUSTER_* settings: " + e.getMessage());
        continue;
      }
      // The app's own parsing of the member list, so a stray space or empty entry counts as it would.
      if (settings.members().size() != compose.nodes().size()
        || !new HashSet<>(settings.members()).equals(compose.nodes())) {
        problems.add(node + ": CLUSTER_MEMBERS names " + settings.members() + ", not exactly the node services "
          + new TreeSet<>(compose.nodes()));
      }
      if (!node.equals(settings.publicHost())) {
        problems.add(node + ": CLUSTER_PUBLIC_HOST is " + settings.publicHost()
          + ", but the other nodes reach this one by its service name " + node);
      }
      if (!ClusterSettings.ANY_HOST.equals(settings.host())) {
        problems.add(node + ": CLUSTER_HOST is " + settings.host() + ", not " + ClusterSettings.ANY_HOST
          + " (the container's address is not known in advance)");
      }
      names.add(settings.name());
    }
    if (names.size() != 1 || names.contains(null)) {
      problems.add("the nodes do not share one CLUSTER_NAME: " + names);
    }
    return problems;
  }

  static List<String> urlProblems(ComposeFile compose) {
    List<String> problems = new ArrayList<>();
    Map<String, String> postgres = compose.environment(POSTGRES);
    String user = postgres.getOrDefault("POSTGRES_USER", "postgres"); // the image's default
    String database = postgres.getOrDefault("POSTGRES_DB", user);
    String password = postgres.get("POSTGRES_PASSWORD");
    for (String node : compose.nodes()) {
      Map<String, String> env = compose.environment(node);
      URI redis = uri(env.get("REDIS_URL"));
      if (redis == null || !REDIS.equals(redis.getHost()) || (redis.getPort() != -1 && redis.getPort() != 6379)) {
        problems.add(node + ": REDIS_URL " + env.get("REDIS_URL") + " does not point at redis:6379");
      }
      String jdbc = env.get("DATABASE_URL");
      URI db = jdbc != null && jdbc.startsWith("jdbc:postgresql:") ? uri(jdbc.substring("jdbc:".length())) : null;
      if (db == null) {
        problems.add(node + ": DATABASE_URL " + jdbc + " is not a jdbc:postgresql:// URL");
        continue;
      }
      Map<String, String> query = query(db.getQuery());
      expect(problems, node + ": DATABASE_URL host", db.getHost(), POSTGRES);
      expect(problems, node + ": DATABASE_URL port", db.getPort() == -1 ? 5432 : db.getPort(), 5432);
      expect(problems, node + ": DATABASE_URL database (postgres' POSTGRES_DB)", db.getPath(), "/" + database);
      expect(problems, node + ": DATABASE_URL user (postgres' POSTGRES_USER)", query.get("user"), user);
      expect(problems, node + ": DATABASE_URL password (postgres' POSTGRES_PASSWORD)", query.get("password"), password);
    }
    return problems;
  }

  static List<String> portProblems(ComposeFile compose) {
    List<String> problems = new ArrayList<>();
    Map<String, String> hostPorts = new LinkedHashMap<>(); // host port -> node
    for (String node : compose.nodes()) {
      String httpPort = compose.environment(node).getOrDefault("HTTP_PORT", "8080");
      List<String[]> published = new ArrayList<>(); // {host port, container port}
      for (Object port : compose.list(node, "ports")) {
        published.add(publishedPort(port));
      }
      List<String> http = published.stream().filter(p -> p[1].equals(httpPort)).map(p -> p[0]).toList();
      if (http.size() != 1 || http.get(0) == null) {
        problems.add(node + ": HTTP_PORT " + httpPort + " is not published on exactly one fixed host port (ports "
          + compose.list(node, "ports") + ")");
        continue;
      }
      String other = hostPorts.put(http.get(0), node);
      if (other != null) {
        problems.add(node + " and " + other + " both publish their HTTP port on host port " + http.get(0));
      }
    }
    return problems;
  }

  // "8081:8080", "127.0.0.1:8081:8080", "8080" (random host port, reported as null), "8081:8080/tcp",
  // or the long form {target, published}.
  private static String[] publishedPort(Object port) {
    if (port instanceof Map<?, ?> entry) {
      Object published = entry.get("published");
      return new String[] {published == null ? null : published.toString(), String.valueOf(entry.get("target"))};
    }
    String[] parts = port.toString().replaceFirst("/tcp$", "").split(":");
    String container = parts[parts.length - 1];
    return new String[] {parts.length == 1 ? null : parts[parts.length - 2], container};
  }

  static List<String> dependencyProblems(ComposeFile compose) {
    List<String> problems = new ArrayList<>();
    for (String node : compose.nodes()) {
      Map<String, String> conditions = compose.dependsOn(node);
      if (!Set.of("service_started", "service_healthy").contains(conditions.get(REDIS))) {
        problems.add(node + ": depends_on redis is " + conditions.get(REDIS) + ", expected service_started");
      }
      if (!"service_healthy".equals(conditions.get(POSTGRES))) {
        problems.add(node + ": depends_on postgres is " + conditions.get(POSTGRES)
          + ", expected service_healthy (the node creates its table at start)");
      }
    }
    Object healthcheck = compose.service(POSTGRES).get("healthcheck");
    if (healthcheck == null || !healthcheck.toString().contains("pg_isready")) {
      problems.add("postgres has no pg_isready healthcheck (" + healthcheck + "), so service_healthy never holds");
    }
    return problems;
  }

  /** A node is healthy only while GET /health (on the port the node listens on) answers 200. */
  static List<String> healthcheckProblems(ComposeFile compose) {
    List<String> problems = new ArrayList<>();
    for (String node : compose.nodes()) {
      Object healthcheck = compose.service(node).get("healthcheck");
      String test = healthcheck instanceof Map<?, ?> check ? String.valueOf(check.get("test")) : "";
      if (!test.contains("/dev/tcp/127.0.0.1/8080") || !test.contains("GET /health") || !test.contains("' 200 '")) {
        problems.add(node + ": healthcheck " + healthcheck + " does not require GET /health on 8080 to answer 200");
      }
    }
    return problems;
  }

  static List<String> settingProblems(ComposeFile compose) {
    Set<String> known = new TreeSet<>(AppConfig.KEYS);
    known.addAll(CLUSTER_KEYS);
    known.add(JVM_OPTIONS);
    List<String> problems = new ArrayList<>();
    for (String node : compose.nodes()) {
      Map<String, String> env = compose.environment(node);
      Set<String> unknown = new TreeSet<>(env.keySet());
      unknown.removeAll(known);
      if (!unknown.isEmpty()) {
        problems.add(node + ": sets " + unknown + ", which the app does not read (it reads " + known + ")");
      }
      JsonObject appSettings = new JsonObject();
      env.forEach((name, value) -> {
        if (AppConfig.KEYS.contains(name)) {
          appSettings.put(name, value);
        }
      });
      try {
        AppConfig.from(appSettings);
      } catch (IllegalArgumentException e) {
        problems.add(node + ": the app rejects its settings: " + e.getMessage());
      }
    }
    return problems;
  }

  static ComposeFile compose() throws IOException {
    return ComposeFile.parse(Files.readString(COMPOSE));
  }

  /** compose.yaml with one piece of text replaced, which must be there. */
  static ComposeFile composeWith(String text, String replacement) throws IOException {
    String source = Files.readString(COMPOSE);
    assertThat(source).as("the text this test breaks").contains(text);
    return ComposeFile.parse(source.replace(text, replacement));
  }

  private static void requireImage(ComposeFile compose, String service, String prefix, List<String> problems) {
    Object image = compose.services().containsKey(service) ? compose.service(service).get("image") : null;
    if (image == null || !image.toString().startsWith(prefix)) {
      problems.add(service + ": image is " + image + ", expected " + prefix);
    }
  }

  private static void expect(List<String> problems, String what, Object actual, Object expected) {
    if (!String.valueOf(expected).equals(String.valueOf(actual))) {
      problems.add(what + " is " + actual + ", expected " + expected);
    }
  }

  private static URI uri(String value) {
    try {
      return value == null ? null : URI.create(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Map<String, String> query(String query) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        parameters.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    return parameters;
  }
}
