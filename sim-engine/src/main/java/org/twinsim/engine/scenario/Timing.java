package org.twinsim.engine.scenario;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.twinsim.engine.timing.DistributionSpec;
import org.twinsim.engine.timing.StepKind;
import org.twinsim.model.param.InvalidParameterException;

/**
 * The timing model of the workflow steps: a duration distribution per step (seconds), and
 * whether compute steps take sampled or measured durations.
 *
 * <p>Defaults (overridable per step): arrival normal(-300, 300) s relative to the appointment;
 * setup lognormal(300, 90); CBCT triangular(60, 90, 150); rigid match lognormal(90, 30);
 * deformable registration lognormal(30, 8), twin update lognormal(5, 2), plan selection
 * lognormal(35, 10) and plan review lognormal(60, 20), which sum to about 2 minutes, the seed
 * study's plan of the day (Chang et al. 2023/2025: registration ~30% and dose ~33% of a 1.6 min
 * online evaluation); contouring uniform(600, 1200), re-optimisation uniform(900, 1200) and plan QA
 * uniform(300, 600), 30-50 min together (the seed study's 30-45 min online re-optimisation);
 * delivery lognormal(360, 60); exit uniform(60, 120); re-imaging after a safety hold
 * triangular(120, 180, 300), a repeat CBCT and its rigid match (the CBCT's 60-150 s plus about 90 s).
 *
 * @param steps per-step distributions keyed by step name (e.g. {@code deformable-registration})
 * @param compute "sampled": compute steps take durations from these distributions, so simulated
 *     times are reproducible; "measured": they take the compute time measured on this machine
 */
public record Timing(Map<String, DistributionSpec> steps, String compute) {
  public static final List<String> COMPUTE_MODES = List.of("sampled", "measured");

  public Timing {
    Map<String, DistributionSpec> merged = new LinkedHashMap<>();
    defaults().forEach((k, v) -> merged.put(k.key(), v));
    if (steps != null) {
      for (Map.Entry<String, DistributionSpec> e : steps.entrySet()) {
        if (StepKind.ofKey(e.getKey()) == null) {
          throw new InvalidParameterException("steps." + e.getKey(), "unknown step; expected one of "
              + merged.keySet());
        }
        if (e.getValue() == null) {
          throw new InvalidParameterException("steps." + e.getKey(), "expected a distribution");
        }
        merged.put(e.getKey(), e.getValue());
      }
    }
    steps = java.util.Collections.unmodifiableMap(merged);
    compute = compute == null ? "sampled" : compute;
    if (!COMPUTE_MODES.contains(compute)) {
      throw new InvalidParameterException("compute", "expected one of " + COMPUTE_MODES + ", got '" + compute + "'");
    }
  }

  /** The distribution of a step. */
  public DistributionSpec of(StepKind k) {
    return steps.get(k.key());
  }

  /** The default distributions (see the class comment). */
  public static Map<StepKind, DistributionSpec> defaults() {
    Map<StepKind, DistributionSpec> d = new EnumMap<>(StepKind.class);
    d.put(StepKind.ARRIVAL, DistributionSpec.normal(-300, 300));
    d.put(StepKind.SETUP, DistributionSpec.lognormal(300, 90));
    d.put(StepKind.CBCT, DistributionSpec.triangular(60, 90, 150));
    d.put(StepKind.RIGID_MATCH, DistributionSpec.lognormal(90, 30));
    d.put(StepKind.DEFORMABLE_REGISTRATION, DistributionSpec.lognormal(30, 8));
    d.put(StepKind.TWIN_UPDATE, DistributionSpec.lognormal(5, 2));
    d.put(StepKind.PLAN_SELECTION, DistributionSpec.lognormal(35, 10));
    d.put(StepKind.PLAN_REVIEW, DistributionSpec.lognormal(60, 20));
    d.put(StepKind.CONTOURING, DistributionSpec.uniform(600, 1200));
    d.put(StepKind.REOPTIMISATION, DistributionSpec.uniform(900, 1200));
    d.put(StepKind.PLAN_QA, DistributionSpec.uniform(300, 600));
    d.put(StepKind.REIMAGING, DistributionSpec.triangular(120, 180, 300));
    d.put(StepKind.DELIVERY, DistributionSpec.lognormal(360, 60));
    d.put(StepKind.EXIT, DistributionSpec.uniform(60, 120));
    return d;
  }
}
