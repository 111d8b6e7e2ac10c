/**
 * Proton pencil-beam scanning dose: from CT numbers to dose on the CT grid, dose-influence matrices
 * for optimisation, dose-volume histograms and metrics, and dose accumulation over fractions.
 *
 * <p>Start from {@link org.twinsim.model.dose.DoseEngine} (the contract a GPU backend also
 * implements, with its semantics spelt out) and its CPU reference
 * {@link org.twinsim.model.dose.CpuPencilBeamEngine}. A CT becomes a
 * {@link org.twinsim.model.dose.DoseContext} through a
 * {@link org.twinsim.model.dose.StoppingPowerCalibration} (HU to relative stopping power,
 * Schneider et al. 1996 style); the context caches water-equivalent depth maps per beam source
 * ({@link org.twinsim.model.dose.RadiologicalDepth}, Siddon 1985 / Amanatides and Woo 1987). A
 * {@link org.twinsim.model.dose.Plan} holds {@link org.twinsim.model.dose.Beam}s (gantry angle,
 * isocentre, {@link org.twinsim.model.dose.BeamFrame} geometry after IEC 61217),
 * {@link org.twinsim.model.dose.EnergyLayer}s and {@link org.twinsim.model.dose.Spot}s; a
 * {@link org.twinsim.model.dose.Scenario} shifts the beams and scales the ranges.
 *
 * <p>Physics: the machine is a {@link org.twinsim.model.dose.BeamModel} that tabulates per energy
 * ({@link org.twinsim.model.dose.PencilBeamTable}) the integrated depth dose of Bortfeld's analytic
 * Bragg curve ({@link org.twinsim.model.dose.BortfeldBraggCurve}, Med Phys 24:2024, 1997) on the
 * Bethe range-energy relation of water ({@link org.twinsim.model.dose.WaterRangeEnergy}, ICRU 49,
 * within 0.15% of NIST PSTAR), and the lateral spread: in-air spot sigma in quadrature with multiple
 * Coulomb scattering by the generalised Highland formula
 * ({@link org.twinsim.model.dose.HighlandScattering}, Gottschalk et al. 1993, Hong et al. 1996).
 * Limitations: ray-casting approximation (a voxel's depth is taken along its own ray from the
 * source), single Gaussian lateral profile (no nuclear halo), dose to water, no range shifter,
 * couch at 0 degrees, physical dose (no RBE factor).
 *
 * <p>Evaluation: {@link org.twinsim.model.dose.DoseMetrics} (one-pass histograms,
 * {@link org.twinsim.model.dose.DoseVolumeHistogram}, ICRU 83 D_x / V_x, Dmax as D0.03cc) and
 * {@link org.twinsim.model.dose.DoseAccumulator} (daily doses pulled back onto the planning grid
 * through the inverse of the anatomy's planning-to-day field, {@link org.twinsim.model.dose.FieldInversion}).
 * RT Dose export is the DICOM package's concern.
 */
package org.twinsim.model.dose;
