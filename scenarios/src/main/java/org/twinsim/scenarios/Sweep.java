package org.twinsim.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.twinsim.engine.run.Variant;
import org.twinsim.engine.scenario.Scenario;

/**
 * A what-if grid over scenario fields: each {@code --vary PATH=V1,V2,...} is one axis, the variants
 * are all combinations. {@code PATH} is a dotted field path as in validation messages
 * ({@code clinic.gpuServers}, {@code clinic.rooms[0].hours}); {@code strategy=NAME} keeps only that
 * strategy (with its settings from the file, or its defaults). Values are YAML scalars. Every
 * variant is validated like a file; every variant runs with the same seed and replications, so the
 * variants share their random numbers (common random numbers).
 */
public final class Sweep {
  private static final Pattern SEGMENT = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)(?:\\[(\\d+)])?");

  /** One axis of the grid. */
  public record Axis(String path, List<String> values) {
    public Axis {
      values = List.copyOf(values);
    }
  }

  private Sweep() {
  }

  /** Parses {@code PATH=V1,V2}. */
  public static Axis axis(String spec) throws ScenarioException {
    int eq = spec.indexOf('=');
    if (eq <= 0 || eq == spec.length() - 1) {
      throw new ScenarioException("--vary " + spec + ": expected PATH=VALUE[,VALUE...], e.g. clinic.gpuServers=1,2,4");
    }
    String path = spec.substring(0, eq).strip();
    List<String> values = new ArrayList<>();
    for (String v : splitTopLevel(spec.substring(eq + 1))) {
      if (v.isBlank()) {
        throw new ScenarioException("--vary " + spec + ": empty value");
      }
      values.add(v.strip());
    }
    if (!path.equals("strategy")) {
      for (String seg : path.split("\\.")) {
        if (!SEGMENT.matcher(seg).matches()) {
          throw new ScenarioException("--vary " + spec + ": '" + seg + "' is not a field name (expected e.g. clinic.rooms[0].hours)");
        }
      }
    }
    return new Axis(path, values);
  }

  /** Splits on commas outside brackets and braces, so a value may be a flow list or map. */
  static List<String> splitTopLevel(String s) throws ScenarioException {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '[' || c == '{') {
        depth++;
      } else if (c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
      if (depth < 0) {
        throw new ScenarioException("--vary: unbalanced brackets in '" + s + "'");
      }
    }
    if (depth != 0) {
      throw new ScenarioException("--vary: unbalanced brackets in '" + s + "'");
    }
    out.add(s.substring(start));
    return out;
  }

  /** All variants of the grid over {@code base} (the scenario's YAML text). */
  public static List<Variant> variants(ScenarioLoader loader, LoadedScenario base, List<Axis> axes,
                                       Integer replications) throws ScenarioException {
    if (axes.isEmpty()) {
      throw new ScenarioException("sweep: give at least one --vary PATH=V1,V2,...");
    }
    JsonNode tree = loader.tree(base.text(), base.source());
    if (!(tree instanceof ObjectNode)) {
      throw new ScenarioException(base.source() + ": top level: expected a mapping of keys");
    }
    List<Variant> out = new ArrayList<>();
    int n = 1;
    for (Axis a : axes) {
      n *= a.values().size();
    }
    if (n > 10_000) {
      throw new ScenarioException("sweep: " + n + " variants; at most 10000");
    }
    for (int i = 0; i < n; i++) {
      ObjectNode t = ((ObjectNode) tree).deepCopy();
      Map<String, String> assign = new LinkedHashMap<>();
      StringBuilder name = new StringBuilder();
      int k = i;
      for (int ax = axes.size() - 1; ax >= 0; ax--) {
        // the last axis varies fastest
        Axis a = axes.get(ax);
        String value = a.values().get(k % a.values().size());
        k /= a.values().size();
        assign.put(a.path(), value);
      }
      for (Axis a : axes) {
        String value = assign.get(a.path());
        set(loader, t, a.path(), value);
        if (name.length() > 0) {
          name.append('_');
        }
        String leaf = a.path().substring(a.path().lastIndexOf('.') + 1).replaceAll("\\[\\d+]", "");
        name.append(leaf).append('-').append(value.replaceAll("[^A-Za-z0-9.+-]", "."));
      }
      if (replications != null) {
        t.put("replications", replications);
      }
      Scenario s;
      try {
        s = loader.fromTree(t, base.source() + " with --vary " + assign);
      } catch (ScenarioException e) {
        throw new ScenarioException(e.getMessage());
      }
      String vname = name.length() > 120 ? "v" + (i + 1) : name.toString();
      out.add(new Variant(vname, s, assign));
    }
    return out;
  }

  private static void set(ScenarioLoader loader, ObjectNode root, String path, String value) throws ScenarioException {
    JsonNode v = loader.scalar(value);
    if (path.equals("strategy")) {
      JsonNode list = root.get("strategies");
      JsonNode keep = null;
      if (list instanceof ArrayNode arr) {
        for (JsonNode e : arr) {
          String nm = e.isTextual() ? e.asText() : e.path("name").asText(null);
          if (value.equals(nm)) {
            keep = e;
          }
        }
      }
      ArrayNode one = JsonNodeFactory.instance.arrayNode();
      one.add(keep != null ? keep.deepCopy() : v);
      root.set("strategies", one);
      return;
    }
    String[] segs = path.split("\\.");
    JsonNode cur = root;
    for (int i = 0; i < segs.length; i++) {
      Matcher m = SEGMENT.matcher(segs[i]);
      m.matches();
      String field = m.group(1);
      boolean last = i == segs.length - 1;
      if (!(cur instanceof ObjectNode obj)) {
        throw new ScenarioException("--vary " + path + ": '" + String.join(".", java.util.Arrays.copyOf(segs, i))
            + "' is not a section of the scenario");
      }
      if (m.group(2) == null) {
        if (last) {
          obj.set(field, v);
        } else {
          JsonNode next = obj.get(field);
          if (next == null || next.isNull()) {
            next = obj.putObject(field);
          }
          cur = next;
        }
      } else {
        int idx = Integer.parseInt(m.group(2));
        JsonNode arr = obj.get(field);
        if (!(arr instanceof ArrayNode a) || idx >= a.size()) {
          throw new ScenarioException("--vary " + path + ": the scenario has no " + field + "[" + idx + "]");
        }
        if (last) {
          a.set(idx, v);
        } else {
          cur = a.get(idx);
        }
      }
    }
  }
}
