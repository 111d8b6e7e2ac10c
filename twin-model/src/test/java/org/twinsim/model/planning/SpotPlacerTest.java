package org.twinsim.model.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twinsim.model.dose.Beam;
import org.twinsim.model.dose.BeamModel;
import org.twinsim.model.dose.DoseContext;
import org.twinsim.model.dose.EnergyLayer;
import org.twinsim.model.dose.Plan;
import org.twinsim.model.dose.Spot;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.Volume;

class SpotPlacerTest {
  private final BeamModel model = BeamModel.defaults();

  /** Water box (RSP 1), cubic target at depths 80..120 mm from the surface of a gantry-0 beam. */
  static DoseContext waterBox(Grid3 g) {
    Volume rsp = new Volume(g);
    rsp.fill(1f);
    return new DoseContext(rsp);
  }

  /**
   * The layers span the target's water-equivalent depths widened by the range and depth margins,
   * and the spots the target's outline widened by the lateral margin; in water the depths are the
   * geometric ones (along the divergent rays, within 0.5%).
   */
  @Test
  void layersAndSpotsCoverTheTargetWithTheirMargins() {
    Grid3 g = new Grid3(50, 80, 50, 2, 2, 2, -49, 1, -49); // surface at y = 0
    DoseContext ctx = waterBox(g);
    boolean[] target = new boolean[g.size()];
    for (int k = 0; k < g.nz(); k++) {
      for (int j = 0; j < g.ny(); j++) {
        for (int i = 0; i < g.nx(); i++) {
          target[g.index(i, j, k)] = Math.abs(g.x(i)) < 20 && Math.abs(g.z(k)) < 20 && g.y(j) > 80 && g.y(j) < 120;
        }
      }
    }
    SpotPlacementParams p = new SpotPlacementParams(new double[] {0}, null, null, null, null, null);
    Plan plan = new SpotPlacer(model, p).place("box", ctx, target, new Vec3(0, 100, 0), 0.035, 1.0);
    Beam b = plan.beams().get(0);
    double deepest = model.rangeMm(b.layers().get(0).energyMeV());
    double shallowest = model.rangeMm(b.layers().get(b.layers().size() - 1).energyMeV());
    double hi = 120 * 1.035 + 1 + p.depthMarginMm();
    double lo = 80 * 0.965 - 1 - p.depthMarginMm();
    assertEquals(hi, deepest, 0.005 * hi + 0.01, "deepest layer range");
    assertTrue(shallowest <= lo + 6 && shallowest >= lo - 6, "shallowest layer range " + shallowest + " vs " + lo);
    double maxU = 0;
    double minU = 0;
    for (EnergyLayer l : b.layers()) {
      for (Spot s : l.spots()) {
        maxU = Math.max(maxU, s.uMm());
        minU = Math.min(minU, s.uMm());
        assertEquals(1.0, s.weight(), 0);
      }
    }
    // target half-width 20 mm (voxel edges): spots reach the edge and stay within edge + 1.7 sigma
    // (sigma ~5 mm at 100 mm for ~115 MeV); the grid is centred on the isocentre, so symmetric
    assertTrue(maxU >= 20 && maxU <= 20 + 1.7 * 5.5, "spot extent " + minU + " .. " + maxU);
    assertEquals(-maxU, minU, 1e-9);
  }

  @Test
  void targetBeyondTheMachineRangeIsAClearError() {
    Grid3 g = new Grid3(20, 240, 20, 2, 2, 2, -19, 1, -19); // 480 mm of water
    DoseContext ctx = waterBox(g);
    boolean[] target = new boolean[g.size()];
    for (int k = 8; k < 12; k++) {
      for (int j = 200; j < 210; j++) {
        for (int i = 8; i < 12; i++) {
          target[g.index(i, j, k)] = true;
        }
      }
    }
    SpotPlacementParams p = new SpotPlacementParams(new double[] {0}, null, null, null, null, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SpotPlacer(model, p).place("deep", ctx, target, new Vec3(0, 400, 0), 0, 0));
    assertTrue(e.getMessage().contains("above the beam model's maximum 250.0 MeV"), e.getMessage());
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
        () -> new SpotPlacer(model, p).place("empty", ctx, new boolean[g.size()], new Vec3(0, 400, 0), 0, 0));
    assertTrue(e2.getMessage().contains("empty"), e2.getMessage());
  }
}
