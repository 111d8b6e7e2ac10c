package org.twinsim.reports.chart;

import java.util.List;
import java.util.function.Function;

/**
 * Category labels on a numeric x axis (categories at x = 1, 2, ...). XChart drops every tick label
 * when two labels are equal, so positions between categories get distinct invisible labels
 * (zero-width spaces).
 */
final class CategoryAxis {
  private CategoryAxis() {
  }

  static Function<Double, String> labels(List<String> categories) {
    return x -> {
      long i = Math.round(x);
      if (Math.abs(x - i) < 1e-6 && i >= 1 && i <= categories.size()) {
        return categories.get((int) i - 1);
      }
      return "\u200B".repeat(1 + (int) Math.min(200, Math.abs(Math.round(x * 8))));
    };
  }
}
