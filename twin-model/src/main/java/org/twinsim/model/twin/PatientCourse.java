package org.twinsim.model.twin;

/**
 * What the registrations measured over one (previous) patient's course, the training data of a
 * {@link PopulationPrior}.
 *
 * @param times time input of each measured fraction (fraction index or days, see {@link TimeBase})
 * @param shiftsMm n x 3 measured prostate shifts relative to bone, patient axes x/y/z, mm
 * @param bladderVolumesMl n measured bladder volumes, mL, or null if not measured
 */
public record PatientCourse(double[] times, double[][] shiftsMm, double[] bladderVolumesMl) {
  public PatientCourse {
    if (times == null || shiftsMm == null) {
      throw new IllegalArgumentException("patient course: times and shiftsMm are required");
    }
    if (shiftsMm.length != times.length) {
      throw new IllegalArgumentException("patient course: " + times.length + " times but " + shiftsMm.length
          + " shift rows; expected one row per time");
    }
    if (bladderVolumesMl != null && bladderVolumesMl.length != times.length) {
      throw new IllegalArgumentException("patient course: " + times.length + " times but "
          + bladderVolumesMl.length + " bladder volumes");
    }
    double[][] s = new double[shiftsMm.length][];
    for (int i = 0; i < times.length; i++) {
      if (!Double.isFinite(times[i])) {
        throw new IllegalArgumentException("patient course: time " + i + " is not finite: " + times[i]);
      }
      if (shiftsMm[i] == null || shiftsMm[i].length != 3) {
        throw new IllegalArgumentException("patient course: shift row " + i + " must have 3 values (x, y, z mm)");
      }
      for (double v : shiftsMm[i]) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("patient course: shift row " + i + " has a non-finite value " + v);
        }
      }
      if (bladderVolumesMl != null && !(bladderVolumesMl[i] > 0 && Double.isFinite(bladderVolumesMl[i]))) {
        throw new IllegalArgumentException("patient course: bladder volume " + i + " must be a positive mL value, got "
            + bladderVolumesMl[i]);
      }
      s[i] = shiftsMm[i].clone();
    }
    times = times.clone();
    shiftsMm = s;
    bladderVolumesMl = bladderVolumesMl == null ? null : bladderVolumesMl.clone();
  }

  /** Fractions 0..n-1 of {@code shiftsMm} (rows [x, y, z] mm); rows containing NaN are skipped as unmeasured. */
  public static PatientCourse ofFractions(double[][] shiftsMm) {
    if (shiftsMm == null) {
      throw new IllegalArgumentException("patient course: shiftsMm is required");
    }
    int n = 0;
    for (double[] r : shiftsMm) {
      if (r != null && r.length == 3 && !Double.isNaN(r[0] + r[1] + r[2])) {
        n++;
      } else if (r == null || r.length != 3) {
        throw new IllegalArgumentException("patient course: each shift row must have 3 values (x, y, z mm)");
      }
    }
    double[] t = new double[n];
    double[][] s = new double[n][];
    int k = 0;
    for (int f = 0; f < shiftsMm.length; f++) {
      double[] r = shiftsMm[f];
      if (!Double.isNaN(r[0] + r[1] + r[2])) {
        t[k] = f;
        s[k++] = r;
      }
    }
    return new PatientCourse(t, s, null);
  }

  public int size() {
    return times.length;
  }
}
