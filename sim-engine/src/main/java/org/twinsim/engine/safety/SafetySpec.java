package org.twinsim.engine.safety;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.twinsim.model.param.InvalidParameterException;
import org.twinsim.model.qa.ImagingPolicy;

/**
 * The scenario's {@code safety:} section: anomalies injected into the courses and the thresholds of
 * the per-fraction deviation detectors. Absent, nothing is injected or checked and the run's
 * outputs are those of a run without the safety layer.
 *
 * @param anomalies injected anomalies (default none)
 * @param detectors thresholds per detector name ({@link #DETECTORS}); a detector not named takes
 *     its defaults
 * @param couchReadbackSdMm SD per axis of the couch's executed-position readback, mm (default 0.5:
 *     the 1 mm daily positioning tolerance of AAPM TG-224 at 2 SD)
 * @param machine daily machine QA of the rooms with injected drift (null: no machine QA)
 * @param imaging which image each fraction takes (default: daily standard CBCT)
 */
public record SafetySpec(List<AnomalySpec> anomalies, Map<String, DetectorSpec> detectors, Double couchReadbackSdMm,
                         MachineSpec machine, ImagingPolicy imaging) {
  /** The detectors: the couch consistency check and the twin's position check. */
  public static final List<String> DETECTORS = List.of("couch", "position");

  public SafetySpec {
    anomalies = anomalies == null ? List.of() : List.copyOf(anomalies);
    for (int i = 0; i < anomalies.size(); i++) {
      if (anomalies.get(i) == null) {
        throw new InvalidParameterException("anomalies[" + i + "]", "expected an anomaly {kind, perFraction|perCourse, sizeMm}");
      }
    }
    Map<String, DetectorSpec> d = new LinkedHashMap<>();
    for (String n : DETECTORS) {
      d.put(n, DetectorSpec.defaults());
    }
    if (detectors != null) {
      for (Map.Entry<String, DetectorSpec> e : detectors.entrySet()) {
        if (!DETECTORS.contains(e.getKey())) {
          throw new InvalidParameterException("detectors." + e.getKey(), "unknown detector; expected one of " + DETECTORS);
        }
        if (e.getValue() != null) {
          d.put(e.getKey(), e.getValue());
        }
      }
    }
    detectors = java.util.Collections.unmodifiableMap(d);
    couchReadbackSdMm = couchReadbackSdMm == null ? 0.5
        : InvalidParameterException.inRange("couchReadbackSdMm", couchReadbackSdMm, 0.01, 10);
    imaging = imaging == null ? ImagingPolicy.dailyCbct() : imaging;
  }

  /** With daily standard CBCT. */
  public SafetySpec(List<AnomalySpec> anomalies, Map<String, DetectorSpec> detectors, Double couchReadbackSdMm,
                    MachineSpec machine) {
    this(anomalies, detectors, couchReadbackSdMm, machine, null);
  }

  /** The same settings with another imaging policy. */
  public SafetySpec withImaging(ImagingPolicy policy) {
    return new SafetySpec(anomalies, detectors, couchReadbackSdMm, machine, policy);
  }

  /** Without machine QA. */
  public SafetySpec(List<AnomalySpec> anomalies, Map<String, DetectorSpec> detectors, Double couchReadbackSdMm) {
    this(anomalies, detectors, couchReadbackSdMm, null, null);
  }

  public DetectorSpec detector(String name) {
    return detectors.get(name);
  }
}
