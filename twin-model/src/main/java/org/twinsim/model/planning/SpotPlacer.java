package org.twinsim.model.planning;

import java.util.ArrayList;
import java.util.List;
import org.twinsim.model.dose.Beam;
import org.twinsim.model.dose.BeamFrame;
import org.twinsim.model.dose.BeamModel;
import org.twinsim.model.dose.DoseContext;
import org.twinsim.model.dose.EnergyLayer;
import org.twinsim.model.dose.PencilBeamTable;
import org.twinsim.model.dose.Plan;
import org.twinsim.model.dose.RadiologicalDepth;
import org.twinsim.model.dose.Spot;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Vec3;

/**
 * Lays pencil beams over a target: per beam a square spot grid in the isocentre plane (spacing a
 * multiple of the lateral sigma at the target's mid depth) and energy layers whose ranges in
 * water step through the target's water-equivalent depths (spacing a multiple of the Bragg peak
 * width); a spot is placed where its ray's water-equivalent interval through the target, widened by
 * the range margin, contains the layer's range.
 *
 * <p>This is the usual geometric spot placement of scanning treatment planning (e.g. matRad's
 * stf generation, Wieser et al. 2017, Med Phys 44:2556): rays from the virtual source through the
 * grid points, WEPL by {@link RadiologicalDepth#trace}.
 */
public final class SpotPlacer {
  private final BeamModel model;
  private final SpotPlacementParams params;

  public SpotPlacer(BeamModel model, SpotPlacementParams params) {
    this.model = model;
    this.params = params == null ? SpotPlacementParams.defaults() : params;
  }

  /**
   * A plan with unit weights whose spots cover {@code spotTarget}.
   *
   * @param spotTarget the target already expanded by any robustness margin (the lateral margin of
   *     the parameters is added here, in the beam's eye view)
   * @param rangeMarginFraction relative widening of each ray's water-equivalent interval (the range
   *     uncertainty, e.g. 0.035)
   * @param rangeMarginMm absolute widening, mm
   * @throws IllegalArgumentException if the target is empty, a beam misses it, or it needs energies
   *     outside the beam model's table
   */
  public Plan place(String name, DoseContext ctx, boolean[] spotTarget, Vec3 isocentreMm, double rangeMarginFraction,
                    double rangeMarginMm) {
    Grid3 g = ctx.grid();
    boolean[] target = spotTarget;
    int[] voxels = Morphology.indices(target);
    if (voxels.length == 0) {
      throw new IllegalArgumentException("plan " + name + ": the spot target is empty on grid " + g);
    }
    List<Beam> beams = new ArrayList<>();
    for (double angle : params.gantryAnglesDeg()) {
      beams.add(placeBeam(name, ctx, target, voxels, isocentreMm, angle, rangeMarginFraction, rangeMarginMm));
    }
    return new Plan(name, beams);
  }

  private Beam placeBeam(String planName, DoseContext ctx, boolean[] target, int[] voxels, Vec3 iso, double angle,
                         double rangeFraction, double rangeMm) {
    String beamName = String.format(java.util.Locale.ROOT, "G%.0f", angle);
    String where = "plan " + planName + ", beam " + beamName;
    Grid3 g = ctx.grid();
    double sad = model.sourceAxisDistanceMm();
    BeamFrame f = BeamFrame.of(angle, iso, sad);
    Vec3 src = f.source();
    // projection of the target on the isocentre plane, and its mean water-equivalent depth
    double umin = Double.POSITIVE_INFINITY;
    double umax = Double.NEGATIVE_INFINITY;
    double vmin = Double.POSITIVE_INFINITY;
    double vmax = Double.NEGATIVE_INFINITY;
    float[] depth = ctx.depthMap(src);
    double sumDepth = 0;
    int nx = g.nx();
    int ny = g.ny();
    for (int n : voxels) {
      int i = n % nx;
      int j = (n / nx) % ny;
      int k = n / (nx * ny);
      Vec3 a = new Vec3(g.x(i), g.y(j), g.z(k)).minus(src);
      double w = dot(a, f.direction());
      double m = w / sad;
      double up = dot(a, f.u()) / m;
      double vp = dot(a, f.v()) / m;
      umin = Math.min(umin, up);
      umax = Math.max(umax, up);
      vmin = Math.min(vmin, vp);
      vmax = Math.max(vmax, vp);
      sumDepth += ctx.fill(depth, n, src);
    }
    double meanDepth = sumDepth / voxels.length;
    double midEnergy = requireEnergy(model.energyForRangeMm(meanDepth), where, meanDepth);
    PencilBeamTable mid = model.table(midEnergy);
    double spacing = params.spotSpacingFactor() * Math.sqrt(mid.sigmaSquaredAt(meanDepth));
    double pad = params.lateralMarginSigmas() * Math.sqrt(mid.sigmaSquaredAt(meanDepth)) + spacing;
    int c0 = (int) Math.floor((umin - pad) / spacing);
    int c1 = (int) Math.ceil((umax + pad) / spacing);
    int r0 = (int) Math.floor((vmin - pad) / spacing);
    int r1 = (int) Math.ceil((vmax + pad) / spacing);
    int nc = c1 - c0 + 1;
    int nr = r1 - r0 + 1;
    double[] lo = new double[nc * nr];
    double[] hi = new double[nc * nr];
    double rangeLo = Double.POSITIVE_INFINITY;
    double rangeHi = Double.NEGATIVE_INFINITY;
    float[] rsp = ctx.rsp().data();
    double[] origin = {src.x(), src.y(), src.z()};
    for (int r = 0; r < nr; r++) {
      for (int c = 0; c < nc; c++) {
        Vec3 p = iso.plus(f.u().times((c0 + c) * spacing)).plus(f.v().times((r0 + r) * spacing));
        Vec3 dv = p.minus(src);
        double len = dv.norm();
        double[] dir = {dv.x() / len, dv.y() / len, dv.z() / len};
        double[] acc = {0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        RadiologicalDepth.trace(g, origin, dir, 2.0 * len + 1e4, (voxel, tIn, tOut) -> {
          double before = acc[0];
          acc[0] += rsp[voxel] * (tOut - tIn);
          if (target[voxel]) {
            acc[1] = Math.min(acc[1], before);
            acc[2] = Math.max(acc[2], acc[0]);
          }
          return true;
        });
        int cell = c + nc * r;
        if (acc[1] <= acc[2]) {
          lo[cell] = Math.max(0, acc[1] * (1 - rangeFraction) - rangeMm - params.depthMarginMm());
          hi[cell] = acc[2] * (1 + rangeFraction) + rangeMm + params.depthMarginMm();
          rangeLo = Math.min(rangeLo, lo[cell]);
          rangeHi = Math.max(rangeHi, hi[cell]);
        } else {
          lo[cell] = Double.NaN;
          hi[cell] = Double.NaN;
        }
      }
    }
    if (!(rangeLo <= rangeHi)) {
      throw new IllegalArgumentException(where + " (gantry " + angle + " deg) misses the target: no ray from its source "
          + "through the spot grid crosses the target on the CT " + g);
    }
    // lateral margin: rays within the margin of a target ray take the depth interval spanned by those target rays
    double margin = params.lateralMarginSigmas() * Math.sqrt(mid.sigmaSquaredAt(meanDepth));
    int reach = (int) Math.floor(margin / spacing + 1e-9);
    if (reach > 0) {
      double[] lo2 = lo.clone();
      double[] hi2 = hi.clone();
      boolean[] hits = new boolean[lo.length];
      for (int cell = 0; cell < lo.length; cell++) {
        hits[cell] = !Double.isNaN(lo[cell]);
      }
      for (int r = 0; r < nr; r++) {
        for (int c = 0; c < nc; c++) {
          int cell = c + nc * r;
          if (hits[cell]) {
            continue;
          }
          double l = Double.POSITIVE_INFINITY;
          double h = Double.NEGATIVE_INFINITY;
          for (int dr = -reach; dr <= reach; dr++) {
            for (int dc = -reach; dc <= reach; dc++) {
              int rr = r + dr;
              int cc = c + dc;
              if (rr < 0 || cc < 0 || rr >= nr || cc >= nc || (dr * dr + dc * dc) * spacing * spacing > margin * margin + 1e-9) {
                continue;
              }
              int other = cc + nc * rr;
              if (hits[other]) {
                l = Math.min(l, lo[other]);
                h = Math.max(h, hi[other]);
              }
            }
          }
          if (l <= h) {
            lo2[cell] = l;
            hi2[cell] = h;
          }
        }
      }
      lo = lo2;
      hi = hi2;
    }

    // energy layers from the deepest range up
    List<EnergyLayer> layers = new ArrayList<>();
    double range = rangeHi;
    while (true) {
      double energy = requireEnergy(model.energyForRangeMm(range), where, range);
      PencilBeamTable t = model.table(energy);
      double layerSpacing = Math.max(params.minLayerSpacingMm(), params.layerSpacingFactor() * 2.355 * t.rangeSigmaMm());
      List<Spot> spots = new ArrayList<>();
      for (int r = 0; r < nr; r++) {
        for (int c = 0; c < nc; c++) {
          int cell = c + nc * r;
          if (!Double.isNaN(lo[cell]) && hi[cell] >= range - 0.5 * layerSpacing && lo[cell] <= range + 0.5 * layerSpacing) {
            spots.add(new Spot((c0 + c) * spacing, (r0 + r) * spacing, 1.0));
          }
        }
      }
      if (!spots.isEmpty()) {
        layers.add(new EnergyLayer(energy, spots));
      }
      if (range - layerSpacing < rangeLo - 0.5 * layerSpacing) {
        break;
      }
      range -= layerSpacing;
    }
    return new Beam(beamName, angle, iso, layers);
  }

  private double requireEnergy(double energy, String where, double rangeMm) {
    double min = model.params().minEnergyMeV();
    double max = model.params().maxEnergyMeV();
    if (energy > max + 1e-9) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "%s: the target needs %.1f MeV (water-equivalent depth %.0f mm), above the beam model's maximum %.1f MeV",
          where, energy, rangeMm, max));
    }
    if (energy < min - 1e-9) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "%s: the target needs %.1f MeV (water-equivalent depth %.0f mm), below the beam model's minimum %.1f MeV "
              + "(range shifters are not modelled)", where, energy, rangeMm, min));
    }
    return energy;
  }

  private static double dot(Vec3 a, Vec3 b) {
    return a.x() * b.x() + a.y() * b.y() + a.z() * b.z();
  }
}
