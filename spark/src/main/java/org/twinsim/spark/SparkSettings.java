package org.twinsim.spark;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;

/**
 * The Spark engine's settings (RunOptions.engineSettings, e.g. from {@code --master} and
 * {@code --engine-conf KEY=VALUE}):
 * <ul>
 *   <li>{@code master}: a Spark master URL; default the {@code spark.master} of spark-submit,
 *   else {@code local[THREADS]} (this JVM, one core per thread);</li>
 *   <li>{@code attempts}: attempts per unit (Spark's task maxFailures), default 4 - also in local
 *   mode, whose own default is a single attempt ({@code local[N]} is run as {@code local[N,4]});</li>
 *   <li>{@code inject.failOnce}, {@code inject.failAlways}: {@link FaultInjection};</li>
 *   <li>any {@code spark.*} key: passed to Spark as is (e.g. {@code spark.executor.memory}).</li>
 * </ul>
 *
 * @param master the master given, or null
 * @param attempts attempts per unit (>= 1)
 * @param faults injected failures
 * @param spark {@code spark.*} settings
 */
record SparkSettings(String master, int attempts, FaultInjection faults, Map<String, String> spark) {
  static final int DEFAULT_ATTEMPTS = 4;
  private static final Pattern LOCAL = Pattern.compile("local(?:\\[\\s*(\\*|\\d+)\\s*])?");
  private static final Pattern LOCAL_WITH_FAILURES = Pattern.compile("local\\[\\s*(\\*|\\d+)\\s*,\\s*(\\d+)\\s*]");
  private static final List<String> KEYS = List.of("master", "attempts", "inject.failOnce", "inject.failAlways", "spark.*");

  SparkSettings {
    spark = Map.copyOf(spark);
  }

  /** Parses the engine settings; names an unknown key or a bad value. */
  static SparkSettings of(Map<String, String> settings) {
    String master = null;
    int attempts = DEFAULT_ATTEMPTS;
    Set<String> once = Set.of();
    Set<String> always = Set.of();
    Map<String, String> spark = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      String k = e.getKey();
      String v = e.getValue() == null ? "" : e.getValue().strip();
      switch (k) {
        case "master" -> master = v.isEmpty() ? null : v;
        case "attempts" -> {
          try {
            attempts = Integer.parseInt(v);
          } catch (NumberFormatException x) {
            attempts = 0;
          }
          if (attempts < 1) {
            throw new IllegalArgumentException("engine setting attempts: expected an integer >= 1, got '" + v + "'");
          }
        }
        case "inject.failOnce" -> once = labels(v);
        case "inject.failAlways" -> always = labels(v);
        default -> {
          if (!k.startsWith("spark.")) {
            throw new IllegalArgumentException("unknown setting '" + k + "' of the spark engine; known: " + KEYS);
          }
          spark.put(k, v);
        }
      }
    }
    return new SparkSettings(master, attempts, new FaultInjection(once, always), spark);
  }

  private static Set<String> labels(String v) {
    return Arrays.stream(v.split(";")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }

  /**
   * The master to use: the one given, else spark-submit's {@code spark.master} (in {@code conf}),
   * else {@code local[threads]}; a local master without a failure count gets {@link #attempts}.
   */
  String effectiveMaster(SparkConf conf, int threads) {
    String m = master != null ? master : conf.contains("spark.master") ? conf.get("spark.master") : "local[" + threads + "]";
    Matcher lm = LOCAL.matcher(m);
    if (lm.matches()) {
      return "local[" + (lm.group(1) == null ? "1" : lm.group(1)) + "," + attempts + "]";
    }
    return m;
  }

  /** Attempts per task that Spark makes with this master and configuration. */
  static int attemptsOf(String master, SparkConf conf) {
    Matcher f = LOCAL_WITH_FAILURES.matcher(master);
    if (f.matches()) {
      return Integer.parseInt(f.group(2));
    }
    if (LOCAL.matcher(master).matches()) {
      return 1;
    }
    return conf.getInt("spark.task.maxFailures", DEFAULT_ATTEMPTS);
  }

  /** Whether the driver should bind to the loopback address (local mode or a master on this machine). */
  static boolean loopback(String master) {
    return master.startsWith("local") || master.matches("spark://(127\\.0\\.0\\.1|localhost)(:\\d+)?(,.*)?");
  }
}
