package dev.cachify.service.docker;

import org.yaml.snakeyaml.Yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code docker/compose.yaml} read as plain maps, with SnakeYAML resolving its anchors and merge
 * keys as compose does.
 */
record ComposeFile(Map<String, Object> root) {

  static final String REDIS = "redis";
  static final String POSTGRES = "postgres";

  static ComposeFile parse(String yaml) {
    return new ComposeFile(asMap(new Yaml().load(yaml), "compose.yaml"));
  }

  Map<String, Object> services() {
    return asMap(root.get("services"), "services");
  }

  Map<String, Object> service(String name) {
    return asMap(services().get(name), "service " + name);
  }

  /** Every service but Redis and PostgreSQL. */
  Set<String> nodes() {
    return services().keySet().stream().filter(s -> !s.equals(REDIS) && !s.equals(POSTGRES))
      .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The service's environment, in either of compose's forms (a map, or a list of NAME=value). */
  Map<String, String> environment(String name) {
    Object environment = service(name).get("environment");
    Map<String, String> env = new LinkedHashMap<>();
    if (environment instanceof Map<?, ?> map) {
      map.forEach((k, v) -> env.put(k.toString(), v == null ? null : v.toString()));
    } else if (environment instanceof List<?> list) {
      list.forEach(entry -> {
        String[] pair = entry.toString().split("=", 2);
        env.put(pair[0], pair.length > 1 ? pair[1] : null);
      });
    }
    return env;
  }

  /** depends_on as service -> condition; the list form means service_started. */
  Map<String, String> dependsOn(String name) {
    Object dependsOn = service(name).get("depends_on");
    Map<String, String> conditions = new LinkedHashMap<>();
    if (dependsOn instanceof List<?> list) {
      list.forEach(s -> conditions.put(s.toString(), "service_started"));
    } else if (dependsOn instanceof Map<?, ?> map) {
      map.forEach((s, spec) -> conditions.put(s.toString(),
        spec instanceof Map<?, ?> m && m.get("condition") != null ? m.get("condition").toString() : "service_started"));
    }
    return conditions;
  }

  List<?> list(String name, String key) {
    return service(name).get(key) instanceof List<?> list ? list : List.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value, String what) {
    if (!(value instanceof Map<?, ?>)) {
      throw new AssertionError(what + " is not a mapping: " + value);
    }
    return (Map<String, Object>) value;
  }
}
