package org.twinsim.engine.safety;

import java.util.Arrays;
import java.util.List;

/**
 * Kinds of patient-side anomalies the testbed injects, with their truth.
 *
 * <ul>
 *   <li>{@link #GROSS_SETUP}: a wrong couch shift executed after the image-guided correction (e.g. a
 *   transcription error: one axis off by the anomaly's size). The image and its registration are
 *   normal; the patient is treated off by the error unless it is caught before the beam;</li>
 *   <li>{@link #PROSTATE_SHIFT}: the prostate displaced relative to bone far beyond the patient's
 *   usual motion on that fraction (e.g. a rectal gas pocket), in a direction uniform on the sphere.
 *   It is real anatomy: the CBCT sees it (with the registration's error) and so do the strategies.</li>
 * </ul>
 */
public enum AnomalyKind {
  GROSS_SETUP("gross-setup"),
  PROSTATE_SHIFT("prostate-shift");

  public static final List<String> KEYS = Arrays.stream(values()).map(AnomalyKind::key).toList();
  private final String key;

  AnomalyKind(String key) {
    this.key = key;
  }

  /** The name in scenario files and tables. */
  public String key() {
    return key;
  }

  /** The kind of a scenario key, or null. */
  public static AnomalyKind ofKey(String key) {
    for (AnomalyKind k : values()) {
      if (k.key.equals(key)) {
        return k;
      }
    }
    return null;
  }
}
