package org.twinsim.model.dose;

import org.twinsim.model.geometry.Volume;

/**
 * Proton pencil-beam dose calculation: forward dose of a plan and the dose-influence matrix for
 * optimisation. Implemented on the CPU by {@link CpuPencilBeamEngine}; a GPU backend implements the
 * same contract and must agree with it to float precision.
 *
 * <h2>Semantics (what every implementation computes)</h2>
 * For voxel n with centre X (flat index n = i + nx (j + ny k), centre from {@link org.twinsim.model.geometry.Grid3}),
 * and for each beam b of the plan with frame F = {@code beam.frame(SAD).shifted(scenario.shiftMm())}
 * ({@link BeamFrame}: source S, axes d, u, v):
 * <ol>
 * <li>{@code a = X - S}, {@code w = a.d}; if {@code w <= 0} the beam contributes nothing.
 *     {@code m = w / SAD}, {@code up = (a.u) / m}, {@code vp = (a.v) / m}.</li>
 * <li>{@code depth = WEPL(X -> S) * (1 + scenario.rangeError())} with WEPL by
 *     {@link RadiologicalDepth#voxelToPoint} on the context's RSP map (mm).</li>
 * <li>For each energy layer with table T = {@code beamModel.table(E)} ({@link PencilBeamTable}):
 *     {@code idd = T.iddAt(depth)}; skip the layer if {@code idd <= 0};
 *     {@code s2 = T.sigmaSquaredAt(depth)} (mm^2); for each spot (u_s, v_s, weight) of the layer:
 *     {@code r2 = m^2 ((up - u_s)^2 + (vp - v_s)^2)}; if {@code r2 <= k^2 s2} (k = lateral cutoff in
 *     sigmas) the influence is
 *     {@code D = idd * exp(-r2 / (2 s2)) / (2 pi s2) * 100 * 1.602176634e-10 * 1e6} Gy per unit weight
 *     (idd MeV cm2/g; 100 mm2/cm2; 1 MeV/g = 1.602176634e-10 Gy; one unit of weight = 10^6 protons).</li>
 * <li>Forward dose = sum over beams, layers and spots of weight * D (dose to water, Gy, per fraction
 *     as planned); the influence matrix holds D for each (voxel, spot) pair where the cutoff holds
 *     and D > 0.</li>
 * </ol>
 * This is the ray-casting pencil-beam approximation (depth along the voxel's own ray from the
 * source, as in matRad: Wieser et al. 2017, Med Phys 44:2556); no nuclear halo, no range
 * mixing across a spot's width.
 */
public interface DoseEngine {

  /** A short description of the backend and its threads, for logs and benchmarks. */
  String name();

  /** The beam model whose tables the engine uses. */
  BeamModel beamModel();

  /**
   * Dose per fraction of {@code plan} on the context's grid in {@code scenario}.
   *
   * @param outDoseGy length = grid size; overwritten: dose (Gy) at every voxel of
   *     {@link DoseContext#doseVoxels()}, 0 elsewhere
   * @throws IllegalArgumentException if an energy lies outside the beam model's table, or a beam
   *     deposits no dose in any dose voxel (it misses the patient)
   */
  void computeDose(DoseContext ctx, Plan plan, Scenario scenario, float[] outDoseGy);

  /** Convenience: the dose as a new volume. */
  default Volume computeDose(DoseContext ctx, Plan plan, Scenario scenario) {
    float[] out = new float[ctx.grid().size()];
    computeDose(ctx, plan, scenario, out);
    return new Volume(ctx.grid(), out);
  }

  /**
   * The dose-influence matrix of {@code plan}'s spots (columns, plan order) on the given voxels
   * (rows, in the given order) in {@code scenario}. Spot weights are ignored.
   *
   * @param voxels flat grid indices of the rows (not modified; kept by the matrix)
   * @throws IllegalArgumentException if an energy lies outside the beam model's table or a voxel index is off the grid
   */
  InfluenceMatrix computeInfluence(DoseContext ctx, Plan plan, Scenario scenario, int[] voxels);
}
