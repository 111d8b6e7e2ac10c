package org.twinsim.model.dose;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A pencil-beam scanning plan: beams, their energy layers and spots with weights. The spots are
 * numbered in plan order (beam by beam, layer by layer, spot by spot); that index is the column
 * of the dose-influence matrix and the position in {@link #weights()}.
 *
 * @param name plan label
 * @param beams at least one beam, with unique names
 */
public record Plan(String name, List<Beam> beams) {
  public Plan {
    if (beams == null || beams.isEmpty()) {
      throw new IllegalArgumentException("plan " + name + " has no beams: a plan needs at least one beam with spots");
    }
    beams = List.copyOf(beams);
    Set<String> names = new HashSet<>();
    for (Beam b : beams) {
      if (!names.add(b.name())) {
        throw new IllegalArgumentException("plan " + name + ": duplicate beam name " + b.name());
      }
    }
  }

  /** Total number of spots. */
  public int spotCount() {
    int n = 0;
    for (Beam b : beams) {
      n += b.spotCount();
    }
    return n;
  }

  /** Index of the first spot of each beam in plan order, plus the total at the end (length beams+1). */
  public int[] beamSpotOffsets() {
    int[] o = new int[beams.size() + 1];
    for (int b = 0; b < beams.size(); b++) {
      o[b + 1] = o[b] + beams.get(b).spotCount();
    }
    return o;
  }

  /** All spot weights in plan order (a new array). */
  public double[] weights() {
    double[] w = new double[spotCount()];
    int n = 0;
    for (Beam b : beams) {
      for (EnergyLayer l : b.layers()) {
        for (Spot s : l.spots()) {
          w[n++] = s.weight();
        }
      }
    }
    return w;
  }

  /** Sum of the spot weights (10^6 protons). */
  public double totalWeight() {
    double t = 0;
    for (double w : weights()) {
      t += w;
    }
    return t;
  }

  /** The same plan with new weights in plan order. */
  public Plan withWeights(double[] w) {
    if (w.length != spotCount()) {
      throw new IllegalArgumentException("plan " + name + " has " + spotCount() + " spots, got " + w.length + " weights");
    }
    int n = 0;
    List<Beam> nb = new ArrayList<>(beams.size());
    for (Beam b : beams) {
      List<EnergyLayer> nl = new ArrayList<>(b.layers().size());
      for (EnergyLayer l : b.layers()) {
        List<Spot> ns = new ArrayList<>(l.spots().size());
        for (Spot s : l.spots()) {
          ns.add(s.withWeight(w[n++]));
        }
        nl.add(new EnergyLayer(l.energyMeV(), ns));
      }
      nb.add(new Beam(b.name(), b.gantryAngleDeg(), b.isocentreMm(), nl));
    }
    return new Plan(name, nb);
  }

  /** The same plan under another name. */
  public Plan named(String newName) {
    return new Plan(newName, beams);
  }
}
