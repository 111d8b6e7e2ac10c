package org.twinsim.scenarios;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.engine.scenario.StrategySpec;
import org.twinsim.model.param.InvalidParameterException;

/**
 * Reads scenario YAML files (or catalog entries) onto the validated {@link Scenario} records and
 * turns every failure into one line: {@code FILE: line N: PATH: what was expected}.
 */
public final class ScenarioLoader {
  private static final String CATALOG = "/org/twinsim/scenarios/catalog/";
  private static final long MAX_BYTES = 1 << 20;
  private final ObjectMapper yaml;

  public ScenarioLoader() {
    SimpleModule m = new SimpleModule("twinsim-scenario");
    m.addDeserializer(DayOfWeek.class, new WeekdayDeserializer());
    m.setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription desc,
                                                    JsonDeserializer<?> deserializer) {
        if (desc.getBeanClass() == StrategySpec.class) {
          return new StrategyByName(deserializer);
        }
        return deserializer;
      }
    });
    yaml = JsonMapper.builder(new YAMLFactory())
        .addModule(new JavaTimeModule())
        .addModule(m)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .build();
    yaml.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  /** Names of the scenarios shipped in the catalog, in catalog order. */
  public static List<String> catalogNames() {
    try (InputStream in = ScenarioLoader.class.getResourceAsStream(CATALOG + "index")) {
      if (in == null) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          names.add(line.strip());
        }
      }
      return names;
    } catch (IOException e) {
      throw new IllegalStateException("catalog index unreadable", e);
    }
  }

  /**
   * Loads a scenario named in the catalog, or else a file path. A name with a path separator or a
   * .yaml/.yml suffix is always a path.
   */
  public LoadedScenario load(String nameOrPath) throws ScenarioException {
    boolean looksLikePath = nameOrPath.contains("/") || nameOrPath.contains("\\") || nameOrPath.endsWith(".yaml")
        || nameOrPath.endsWith(".yml");
    if (!looksLikePath && catalogNames().contains(nameOrPath)) {
      return loadCatalog(nameOrPath);
    }
    Path p = Path.of(nameOrPath);
    if (!looksLikePath && !Files.exists(p)) {
      throw new ScenarioException(nameOrPath + ": no such scenario in the catalog " + catalogNames()
          + " and no such file");
    }
    return load(p);
  }

  /** Loads a catalog scenario. */
  public LoadedScenario loadCatalog(String name) throws ScenarioException {
    String res = CATALOG + name + ".yaml";
    try (InputStream in = ScenarioLoader.class.getResourceAsStream(res)) {
      if (in == null) {
        throw new ScenarioException(name + ": no such scenario in the catalog " + catalogNames());
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new LoadedScenario(parse(text, "catalog:" + name), "catalog:" + name, text);
    } catch (IOException e) {
      throw new ScenarioException("catalog:" + name + ": unreadable (" + e.getMessage() + ")", e);
    }
  }

  /** Loads a scenario file. */
  public LoadedScenario load(Path file) throws ScenarioException {
    String text;
    try {
      if (Files.isDirectory(file)) {
        throw new ScenarioException(file + ": is a folder, expected a scenario YAML file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new ScenarioException(file + ": larger than 1 MiB, not a scenario file");
      }
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (NoSuchFileException e) {
      throw new ScenarioException(file + ": no such file");
    } catch (CharacterCodingException e) {
      throw new ScenarioException(file + ": not UTF-8 text, expected a scenario YAML file");
    } catch (IOException e) {
      throw new ScenarioException(file + ": cannot be read (" + e.getMessage() + ")", e);
    }
    return new LoadedScenario(parse(text, file.toString()), file.toString(), text);
  }

  /** The YAML tree of a scenario text (for sweeps). */
  public JsonNode tree(String text, String origin) throws ScenarioException {
    try {
      return yaml.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ScenarioException(origin + ": " + line(e) + "not valid YAML (" + firstLine(e.getOriginalMessage()) + ")", e);
    }
  }

  /** A YAML scalar (number, boolean, text, or a flow list/map) as a tree node. */
  public JsonNode scalar(String value) throws ScenarioException {
    try {
      JsonNode n = yaml.readTree(value);
      return n == null ? com.fasterxml.jackson.databind.node.TextNode.valueOf(value) : n;
    } catch (JsonProcessingException e) {
      return com.fasterxml.jackson.databind.node.TextNode.valueOf(value);
    }
  }

  /** Maps a (modified) tree onto the scenario records, with the same one-line errors as files. */
  public Scenario fromTree(JsonNode tree, String origin) throws ScenarioException {
    try {
      return parse(yaml.writeValueAsString(tree), origin);
    } catch (JsonProcessingException e) {
      throw new ScenarioException(origin + ": " + firstLine(e.getOriginalMessage()), e);
    }
  }

  /** Parses scenario text; {@code origin} names it in messages. */
  public Scenario parse(String text, String origin) throws ScenarioException {
    if (text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#") || l.strip().equals("---"))) {
      throw new ScenarioException(origin + ": empty, expected a scenario (at least 'name:')");
    }
    try {
      Scenario s = yaml.readValue(text, Scenario.class);
      if (s == null) {
        throw new ScenarioException(origin + ": empty, expected a scenario (at least 'name:')");
      }
      return s;
    } catch (UnrecognizedPropertyException e) {
      String at = path(e);
      String suffix = "." + e.getPropertyName();
      if (at.endsWith(suffix)) {
        at = at.substring(0, at.length() - suffix.length());
      } else if (at.equals(e.getPropertyName())) {
        at = "";
      }
      Collection<Object> known = e.getKnownPropertyIds();
      throw new ScenarioException(origin + ": " + line(e) + (at.isEmpty() ? "" : at + ": ") + "unknown key '"
          + e.getPropertyName() + "'" + (known == null ? "" : "; expected one of " + known), e);
    } catch (ValueInstantiationException e) {
      Throwable c = e.getCause();
      while (c != null && !(c instanceof InvalidParameterException) && c.getCause() != c) {
        c = c.getCause();
      }
      if (c instanceof InvalidParameterException ip) {
        String at = path(e);
        throw new ScenarioException(origin + ": " + line(e) + join(at, ip.field()) + ": " + ip.expected(), e);
      }
      throw new ScenarioException(origin + ": " + line(e) + path(e) + ": " + firstLine(e.getOriginalMessage()), e);
    } catch (InvalidFormatException e) {
      throw new ScenarioException(origin + ": " + line(e) + path(e) + ": expected " + typeName(e.getTargetType())
          + ", got '" + e.getValue() + "'", e);
    } catch (MismatchedInputException e) {
      String at = path(e);
      throw new ScenarioException(origin + ": " + line(e) + (at.isEmpty() ? "top level" : at) + ": expected "
          + typeName(e.getTargetType()) + " (" + firstLine(e.getOriginalMessage()) + ")", e);
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof JsonProcessingException || isYamlSyntax(e.getCause())) {
        throw new ScenarioException(origin + ": " + line(e) + "not valid YAML (" + firstLine(e.getOriginalMessage()) + ")", e);
      }
      throw new ScenarioException(origin + ": " + line(e) + path(e) + ": " + firstLine(e.getOriginalMessage()), e);
    } catch (JsonProcessingException e) {
      throw new ScenarioException(origin + ": " + line(e) + "not valid YAML (" + firstLine(e.getOriginalMessage()) + ")", e);
    } catch (InvalidParameterException e) {
      throw new ScenarioException(origin + ": " + e.getMessage(), e);
    }
  }

  private static boolean isYamlSyntax(Throwable t) {
    return t != null && t.getClass().getName().startsWith("org.yaml.snakeyaml");
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : a + "." + b;
  }

  /** The field path of a mapping error, e.g. {@code clinic.rooms[1].hours}. */
  static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  private static String line(JsonProcessingException e) {
    JsonLocation l = e.getLocation();
    return l == null || l.getLineNr() < 1 ? "" : "line " + l.getLineNr() + ": ";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    String f = s.lines().findFirst().orElse("");
    int cut = f.indexOf(" (for ");
    return cut > 0 ? f.substring(0, cut) : f;
  }

  private static String typeName(Class<?> c) {
    if (c == null) {
      return "a value";
    }
    if (c == Integer.class || c == int.class || c == Long.class || c == long.class) {
      return "an integer";
    }
    if (c == Double.class || c == double.class) {
      return "a number";
    }
    if (c == String.class) {
      return "text";
    }
    if (c == Boolean.class || c == boolean.class) {
      return "true or false";
    }
    if (c == java.time.LocalDate.class) {
      return "a date YYYY-MM-DD";
    }
    if (c == StrategySpec.class) {
      return "a strategy, one of " + StrategySpec.KNOWN;
    }
    if (c == DayOfWeek.class) {
      return "a weekday (Mon..Sun)";
    }
    if (List.class.isAssignableFrom(c) || Collection.class.isAssignableFrom(c)) {
      return "a list";
    }
    if (java.util.Map.class.isAssignableFrom(c) || c.isRecord()) {
      return "a mapping of keys";
    }
    return "a " + c.getSimpleName();
  }

  /** Weekdays as "Mon", "MON", "monday", ... */
  static final class WeekdayDeserializer extends StdDeserializer<DayOfWeek> {
    private static final long serialVersionUID = 1L;

    WeekdayDeserializer() {
      super(DayOfWeek.class);
    }

    @Override
    public DayOfWeek deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (DayOfWeek) ctxt.handleUnexpectedToken(DayOfWeek.class, p);
      }
      String t = p.getText().strip().toUpperCase(Locale.ROOT);
      for (DayOfWeek d : DayOfWeek.values()) {
        if (d.name().equals(t) || (t.length() >= 3 && d.name().startsWith(t))) {
          return d;
        }
      }
      throw InvalidFormatException.from(p, "not a weekday", p.getText(), DayOfWeek.class);
    }
  }

  /** A strategy written as its bare name is the strategy with its defaults. */
  static final class StrategyByName extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    StrategyByName(JsonDeserializer<?> d) {
      super(d);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
      return new StrategyByName(newDelegatee);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        String name = p.getText().strip();
        try {
          return StrategySpec.named(name);
        } catch (InvalidParameterException e) {
          throw InvalidFormatException.from(p, "unknown strategy; expected one of " + StrategySpec.KNOWN, name,
              StrategySpec.class);
        }
      }
      return super.deserialize(p, ctxt);
    }
  }
}
