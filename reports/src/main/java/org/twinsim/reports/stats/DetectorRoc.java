package org.twinsim.reports.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Receiver operating characteristic of a detector score over its threshold (Fawcett 2006, Pattern
 * Recognit Lett 27:861): at threshold t an event is caught when its score is at least t, a normal
 * fraction is a false alert when its score is at least t. The area under the curve is the
 * probability that an event scores above a normal fraction, ties counting half (the Mann-Whitney
 * statistic U / (n1 n2); Hanley and McNeil 1982, Radiology 143:29).
 */
public final class DetectorRoc {
  /**
   * One operating point.
   *
   * @param threshold score threshold (alert when the score is at least this)
   * @param falsePer100 false alerts per 100 normal fractions
   * @param sensitivityPct events caught, %
   */
  public record Point(double threshold, double falsePer100, double sensitivityPct) {
  }

  private DetectorRoc() {
  }

  /** The curve, from the strictest threshold (nothing caught) to the loosest (everything), one point per distinct score. */
  public static List<Point> curve(double[] eventScores, double[] normalScores) {
    if (eventScores.length == 0 || normalScores.length == 0) {
      throw new IllegalArgumentException("an ROC needs events and normal fractions (got " + eventScores.length + " and "
          + normalScores.length + ")");
    }
    double[] ev = eventScores.clone();
    double[] no = normalScores.clone();
    Arrays.sort(ev);
    Arrays.sort(no);
    double[] all = new double[ev.length + no.length];
    System.arraycopy(ev, 0, all, 0, ev.length);
    System.arraycopy(no, 0, all, ev.length, no.length);
    Arrays.sort(all);
    List<Point> out = new ArrayList<>();
    out.add(new Point(Double.POSITIVE_INFINITY, 0, 0));
    for (int i = all.length - 1; i >= 0; i--) {
      if (i < all.length - 1 && all[i] == all[i + 1]) {
        continue;
      }
      double t = all[i];
      out.add(new Point(t, 100.0 * atLeast(no, t) / no.length, 100.0 * atLeast(ev, t) / ev.length));
    }
    return out;
  }

  /** Area under the curve (trapezoids over false-alert and sensitivity fractions), in [0, 1]. */
  public static double auc(List<Point> curve) {
    double a = 0;
    for (int i = 1; i < curve.size(); i++) {
      Point p = curve.get(i - 1);
      Point q = curve.get(i);
      a += (q.falsePer100() - p.falsePer100()) * (q.sensitivityPct() + p.sensitivityPct()) / 2;
    }
    return a / 1e4;
  }

  /** Number of sorted values at least {@code t}. */
  private static int atLeast(double[] sorted, double t) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return sorted.length - lo;
  }
}
