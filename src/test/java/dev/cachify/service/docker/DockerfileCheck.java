package dev.cachify.service.docker;

import io.vertx.core.json.JsonArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What is wrong with {@code docker/Dockerfile}, read as instructions grouped by stage: the first
 * stage builds the jar, the last one runs it.
 */
final class DockerfileCheck {

  private DockerfileCheck() {
  }

  record Instruction(String keyword, String args) {
  }

  /** Each problem as a sentence; none when the Dockerfile is as the compose file needs it. */
  static List<String> problems(String dockerfile) {
    List<List<Instruction>> stages = stages(dockerfile);
    List<String> problems = new ArrayList<>();
    if (stages.size() < 2) {
      return List.of("expected at least two FROM stages (build, runtime), found " + stages.size());
    }
    List<Instruction> build = stages.get(0);
    int pom = indexOf(build, i -> i.keyword().equals("COPY") && i.args().startsWith("pom.xml"));
    int offline = indexOf(build, i -> i.keyword().equals("RUN") && i.args().contains("go-offline"));
    int src = indexOf(build, i -> i.keyword().equals("COPY") && i.args().startsWith("src"));
    int packaging = indexOf(build, i -> i.keyword().equals("RUN") && i.args().matches("mvn .*\\bpackage\\b.*"));
    if (pom < 0 || offline < pom || src < offline || packaging < src) {
      problems.add("the build stage should COPY pom.xml, RUN dependency:go-offline, COPY src, RUN mvn package, "
        + "in that order (found at " + List.of(pom, offline, src, packaging) + ")");
    }

    List<Instruction> runtime = stages.get(stages.size() - 1);
    String workdir = last(runtime, "WORKDIR");
    Path dir = Path.of(workdir == null ? "/" : workdir);
    Path jar = null;
    boolean conf = false;
    for (Instruction copy : runtime.stream().filter(i -> i.keyword().equals("COPY")).toList()) {
      List<String> words = List.of(copy.args().split("\\s+"));
      List<String> paths = words.stream().filter(w -> !w.startsWith("--")).toList();
      String source = paths.get(0);
      Path target = dir.resolve(paths.get(paths.size() - 1)).normalize();
      if (source.endsWith("target/cachify.jar") && words.stream().anyMatch(w -> w.startsWith("--from="))) {
        jar = paths.get(paths.size() - 1).endsWith("/") ? target.resolve("cachify.jar") : target;
      }
      conf |= source.replaceFirst("/$", "").endsWith("conf") && target.equals(dir.resolve("conf"));
    }
    if (jar == null) {
      problems.add("the runtime stage does not COPY --from=<build stage> target/cachify.jar");
    }
    if (!conf) {
      problems.add("the runtime stage does not COPY conf/ to " + dir.resolve("conf")
        + ", where the node reads config.json and cluster.xml");
    }

    String user = last(runtime, "USER");
    String userName = user == null ? "root" : user.split(":")[0];
    if (userName.equals("root") || userName.equals("0")) {
      problems.add("the runtime stage runs as root (USER " + user + "): add a non-root USER");
    }

    Set<String> exposed = new HashSet<>();
    runtime.stream().filter(i -> i.keyword().equals("EXPOSE"))
      .forEach(i -> Stream.of(i.args().split("\\s+")).map(p -> p.replaceFirst("/tcp$", "")).forEach(exposed::add));
    for (String port : List.of("8080", "5701", "7000")) {
      if (!exposed.contains(port)) {
        problems.add("the runtime stage does not EXPOSE " + port + " (exposes " + exposed + ")");
      }
    }

    String entrypoint = last(runtime, "ENTRYPOINT");
    if (entrypoint == null || !entrypoint.startsWith("[")) {
      problems.add("ENTRYPOINT " + entrypoint + " is not in exec form: java would not be PID 1 and get SIGTERM");
    } else {
      List<?> command = new JsonArray(entrypoint).getList();
      int jarArg = command.indexOf("-jar") + 1;
      if (jarArg == 0 || jarArg >= command.size() || jar == null
        || !dir.resolve(command.get(jarArg).toString()).normalize().equals(jar)) {
        problems.add("ENTRYPOINT " + command + " does not run the copied jar " + jar);
      }
      if (!command.contains("-cluster")) {
        problems.add("ENTRYPOINT " + command + " lacks -cluster: the nodes would not form a cluster");
      }
    }
    return problems;
  }

  // Joins continuation lines and drops comments, then starts a new stage at each FROM.
  static List<List<Instruction>> stages(String dockerfile) {
    List<List<Instruction>> stages = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : dockerfile.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      String[] instruction = current.append(trimmed).toString().split("\\s+", 2);
      current.setLength(0);
      String keyword = instruction[0].toUpperCase();
      if (keyword.equals("FROM")) {
        stages.add(new ArrayList<>());
      }
      if (!stages.isEmpty()) {
        stages.get(stages.size() - 1).add(new Instruction(keyword, instruction.length > 1 ? instruction[1] : ""));
      }
    }
    return stages;
  }

  private static int indexOf(List<Instruction> stage, Predicate<Instruction> test) {
    for (int i = 0; i < stage.size(); i++) {
      if (test.test(stage.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static String last(List<Instruction> stage, String keyword) {
    return stage.stream().filter(i -> i.keyword().equals(keyword)).reduce((a, b) -> b).map(Instruction::args)
      .orElse(null);
  }
}
