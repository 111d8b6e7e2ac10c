package org.twinsim.model.dose;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A pencil-beam model of a scanning proton machine: for each energy of its table the depth dose
 * ({@link BortfeldBraggCurve}) and lateral spread (in-air sigma in quadrature with
 * {@link HighlandScattering}) tabulated as a {@link PencilBeamTable}, computed once per energy and
 * cached. Thread-safe.
 */
public final class BeamModel {
  private final BeamModelParams params;
  private final WaterRangeEnergy rangeEnergy = WaterRangeEnergy.instance();
  private final ConcurrentHashMap<Long, PencilBeamTable> tables = new ConcurrentHashMap<>();

  public BeamModel(BeamModelParams params) {
    this.params = params == null ? BeamModelParams.defaults() : params;
  }

  /** The default machine. */
  public static BeamModel defaults() {
    return new BeamModel(BeamModelParams.defaults());
  }

  public BeamModelParams params() {
    return params;
  }

  public WaterRangeEnergy rangeEnergy() {
    return rangeEnergy;
  }

  /** Virtual source to isocentre distance, mm. */
  public double sourceAxisDistanceMm() {
    return params.sourceAxisDistanceMm();
  }

  /** Throws a clear message unless the energy lies within the machine's table. */
  public void requireEnergy(double energyMeV, String where) {
    if (!(energyMeV >= params.minEnergyMeV() - 1e-9 && energyMeV <= params.maxEnergyMeV() + 1e-9)) {
      throw new IllegalArgumentException(where + ": energy " + energyMeV + " MeV is outside the beam model's energy table ["
          + params.minEnergyMeV() + ", " + params.maxEnergyMeV() + "] MeV");
    }
  }

  /** CSDA range in water of this energy, mm. */
  public double rangeMm(double energyMeV) {
    return rangeEnergy.csdaRangeMm(energyMeV);
  }

  /** Energy whose range in water is this, MeV (not checked against the table). */
  public double energyForRangeMm(double rangeMm) {
    return rangeEnergy.energyMeV(rangeMm);
  }

  /** The tabulated pencil beam of this energy (computed on first use, then cached). */
  public PencilBeamTable table(double energyMeV) {
    requireEnergy(energyMeV, "pencil beam table");
    long key = Math.round(energyMeV * 1e6);
    return tables.computeIfAbsent(key, k -> build(energyMeV));
  }

  private PencilBeamTable build(double energyMeV) {
    BortfeldBraggCurve curve = new BortfeldBraggCurve(energyMeV, params.energySpreadFraction() * energyMeV,
        params.nuclearBetaPerCm(), params.nuclearGamma(), params.lowEnergyEpsilon(), rangeEnergy);
    double step = params.depthStepMm();
    int n = (int) Math.ceil(curve.distalEndMm() / step) + 2;
    float[] idd = new float[n];
    for (int i = 0; i < n - 1; i++) {
      idd[i] = (float) curve.iddMeVcm2PerG(i * step);
    }
    idd[n - 1] = 0f;
    float[] sigma = HighlandScattering.sigmaTableMm(energyMeV, step, n, rangeEnergy);
    return new PencilBeamTable(energyMeV, curve.rangeMm(), curve.rangeSigmaMm(), step, idd, sigma,
        params.spotSigmaAt(energyMeV));
  }
}
