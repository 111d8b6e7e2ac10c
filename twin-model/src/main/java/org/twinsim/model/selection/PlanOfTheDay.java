package org.twinsim.model.selection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Chooses the plan of the day from a library by the {@link SelectionRule} (clinical priority:
 * CTV coverage, then bladder neck, rectum, bladder). Pure function of the evaluations: the digital
 * twin feeds it the doses recomputed on the anatomy the clinic sees (planning CT deformed to the
 * CBCT); the oracle feeds it the doses on the true anatomy.
 */
public final class PlanOfTheDay {
  private PlanOfTheDay() {
  }

  /** The chosen evaluation; throws on an empty library. */
  public static PlanEvaluation choose(List<PlanEvaluation> library, SelectionRule rule) {
    if (library.isEmpty()) {
      throw new IllegalArgumentException("plan of the day: the library is empty");
    }
    List<PlanEvaluation> candidates = new ArrayList<>();
    for (PlanEvaluation e : library) {
      if (e.ctvD98Pct() >= rule.ctvD98MinPct()) {
        candidates.add(e);
      }
    }
    if (candidates.isEmpty()) {
      return library.stream().max(Comparator.comparingDouble(PlanEvaluation::ctvD98Pct)
          .thenComparing(PlanEvaluation::setupMarginMm, Comparator.reverseOrder())).orElseThrow();
    }
    candidates = lowest(candidates, PlanEvaluation::bladderNeckD2ccPct, rule.tiePct());
    candidates = lowest(candidates, PlanEvaluation::rectumD2ccPct, rule.tiePct());
    candidates = lowest(candidates, PlanEvaluation::bladderD2ccPct, rule.tiePct());
    return candidates.stream().min(Comparator.comparingDouble(PlanEvaluation::setupMarginMm)).orElseThrow();
  }

  /** The evaluations within {@code tie} of the lowest value of {@code f} (NaN values count as tied). */
  private static List<PlanEvaluation> lowest(List<PlanEvaluation> in, ToDoubleFunction<PlanEvaluation> f, double tie) {
    double min = Double.POSITIVE_INFINITY;
    for (PlanEvaluation e : in) {
      double v = f.applyAsDouble(e);
      if (!Double.isNaN(v)) {
        min = Math.min(min, v);
      }
    }
    if (min == Double.POSITIVE_INFINITY) {
      return in;
    }
    List<PlanEvaluation> out = new ArrayList<>();
    for (PlanEvaluation e : in) {
      double v = f.applyAsDouble(e);
      if (Double.isNaN(v) || v <= min + tie) {
        out.add(e);
      }
    }
    return out;
  }
}
