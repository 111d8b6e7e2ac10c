package org.twinsim.reports.chart;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One colour per strategy, the same in every plot of a report, from the colour-blind-safe palette
 * of Okabe and Ito (2008, "Color Universal Design"). The four strategies of the testbed keep fixed
 * colours across reports; other names take the remaining colours in order of first appearance.
 */
public final class StrategyPalette {
  private static final Map<String, Color> FIXED = Map.of(
      "non-adaptive", new Color(0xD55E00),   // vermillion
      "online-replan", new Color(0x0072B2),  // blue
      "digital-twin", new Color(0x009E73),   // bluish green
      "oracle", new Color(0xCC79A7));        // reddish purple
  private static final List<Color> OTHERS = List.of(new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000),
      new Color(0x999999), new Color(0xB8860B));

  private final Map<String, Color> colours = new LinkedHashMap<>();

  /** A palette for the given strategies (their order sets the order of the other colours). */
  public StrategyPalette(List<String> strategies) {
    int next = 0;
    for (String s : strategies) {
      if (colours.containsKey(s)) {
        continue;
      }
      Color c = FIXED.get(s);
      if (c == null) {
        c = OTHERS.get(next++ % OTHERS.size());
      }
      colours.put(s, c);
    }
  }

  /** The colour of a strategy (dark grey for one the palette was not built with). */
  public Color colour(String strategy) {
    return colours.getOrDefault(strategy, new Color(0x555555));
  }

  /** The colour with the given opacity in [0, 1]. */
  public static Color alpha(Color c, double opacity) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * opacity));
  }

  /** CSS hex of a strategy's colour, for HTML legends and tables. */
  public String css(String strategy) {
    Color c = colour(strategy);
    return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }
}
