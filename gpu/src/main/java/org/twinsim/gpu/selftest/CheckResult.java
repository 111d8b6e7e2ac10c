package org.twinsim.gpu.selftest;

import java.util.Locale;

/**
 * One CPU/GPU equivalence check.
 *
 * @param name what was compared, with the grid
 * @param passed within tolerance (and NaN where, and only where, the CPU has NaN)
 * @param maxAbsDiff largest |gpu - cpu| over values both define
 * @param tolerance the largest difference accepted
 * @param differing values not bit-identical (NaN = NaN counts as identical)
 * @param values values compared
 * @param note extra detail (NaN mismatches, statistics)
 */
public record CheckResult(String name, boolean passed, double maxAbsDiff, double tolerance, long differing, long values,
                          String note) {
  /** One line: "PASS warp 37x29x23: max |gpu-cpu| 0 (tol 1.2e-03), 0 of 24679 values differ". */
  public String line() {
    return String.format(Locale.ROOT, "%s %-44s max |gpu-cpu| %.3g (tolerance %.3g), %d of %d values not bit-identical%s",
        passed ? "PASS" : "FAIL", name, maxAbsDiff, tolerance, differing, values, note.isEmpty() ? "" : "; " + note);
  }
}
