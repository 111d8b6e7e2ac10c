package org.twinsim.model.geometry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Structures on a {@link Grid3}: one unsigned byte label per voxel plus the structure tree.
 *
 * <p>Each voxel holds the label of the most specific structure that contains it (0: none). The
 * mask of a structure includes its descendants' voxels (see {@link Structure}), so nested
 * structures (bladder neck in bladder, urethra in prostate) keep their full extent while each
 * voxel stays one byte.
 */
public final class LabelMap {
  private final Grid3 grid;
  private final byte[] labels;
  private final Map<Integer, Structure> byLabel = new LinkedHashMap<>();
  private final Map<String, Structure> byName = new LinkedHashMap<>();

  /** An empty label map (all background) for the given structures. */
  public LabelMap(Grid3 grid, List<Structure> structures) {
    this(grid, structures, new byte[grid.size()]);
  }

  /** Wraps an existing label array (not copied). */
  public LabelMap(Grid3 grid, List<Structure> structures, byte[] labels) {
    if (labels.length != grid.size()) {
      throw new IllegalArgumentException("label data has " + labels.length + " values, grid needs " + grid.size());
    }
    this.grid = grid;
    this.labels = labels;
    for (Structure s : structures) {
      if (byLabel.put(s.label(), s) != null) {
        throw new IllegalArgumentException("duplicate structure label " + s.label());
      }
      if (byName.put(s.name(), s) != null) {
        throw new IllegalArgumentException("duplicate structure name " + s.name());
      }
    }
    for (Structure s : structures) {
      if (s.parentLabel() != 0 && !byLabel.containsKey(s.parentLabel())) {
        throw new IllegalArgumentException("structure " + s.name() + " names unknown parent label " + s.parentLabel());
      }
      // reject cycles
      int steps = 0;
      for (int p = s.parentLabel(); p != 0; p = byLabel.get(p).parentLabel()) {
        if (++steps > byLabel.size()) {
          throw new IllegalArgumentException("structure tree has a cycle through " + s.name());
        }
      }
    }
  }

  public Grid3 grid() {
    return grid;
  }

  /** The per-voxel labels, x-fastest (not a copy). Read as {@code labels[i] & 0xFF}. */
  public byte[] labels() {
    return labels;
  }

  /** The structures in declaration order. */
  public List<Structure> structures() {
    return Collections.unmodifiableList(new ArrayList<>(byLabel.values()));
  }

  public boolean has(String name) {
    return byName.containsKey(name);
  }

  /** The structure with this name; throws naming the known ones if absent. */
  public Structure structure(String name) {
    Structure s = byName.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no structure '" + name + "'; known: " + byName.keySet());
    }
    return s;
  }

  public Structure structure(int label) {
    Structure s = byLabel.get(label);
    if (s == null) {
      throw new IllegalArgumentException("no structure with label " + label);
    }
    return s;
  }

  /** Whether {@code label} is {@code ancestor} or lies below it in the tree. */
  public boolean isWithin(int label, int ancestor) {
    for (int l = label; l != 0; ) {
      if (l == ancestor) {
        return true;
      }
      Structure s = byLabel.get(l);
      l = s == null ? 0 : s.parentLabel();
    }
    return false;
  }

  /** Table {@code t[label]} = true where the label belongs to structure {@code name} (incl. descendants). */
  public boolean[] labelsWithin(String name) {
    int root = structure(name).label();
    boolean[] t = new boolean[256];
    for (int l = 1; l < 256; l++) {
      t[l] = isWithin(l, root);
    }
    return t;
  }

  /** The structure's mask, including its descendants. */
  public boolean[] mask(String name) {
    boolean[] t = labelsWithin(name);
    boolean[] m = new boolean[labels.length];
    for (int i = 0; i < labels.length; i++) {
      m[i] = t[labels[i] & 0xFF];
    }
    return m;
  }

  /** Number of voxels of the structure, including its descendants. */
  public int voxelCount(String name) {
    boolean[] t = labelsWithin(name);
    int n = 0;
    for (byte b : labels) {
      if (t[b & 0xFF]) {
        n++;
      }
    }
    return n;
  }

  /** Volume of the structure, cm^3. */
  public double volumeCc(String name) {
    return voxelCount(name) * grid.voxelVolumeCc();
  }

  /**
   * Assigns {@code name}'s label to every voxel where {@code inside} holds, unless the voxel
   * already belongs to a structure of higher priority that is not an ancestor of {@code name}.
   * Painting a child after its parent therefore carves the child out of the parent.
   */
  public void paint(String name, IntPredicate inside) {
    Structure s = structure(name);
    int label = s.label();
    for (int i = 0; i < labels.length; i++) {
      if (!inside.test(i)) {
        continue;
      }
      int cur = labels[i] & 0xFF;
      if (cur == 0 || isWithin(label, cur) || byLabel.get(cur).priority() <= s.priority()) {
        labels[i] = (byte) label;
      }
    }
  }

  /** A deep copy (labels copied, structures shared: they are immutable). */
  public LabelMap copy() {
    return new LabelMap(grid, new ArrayList<>(byLabel.values()), labels.clone());
  }

  /** A label map on the same grid and structures with new labels. */
  public LabelMap withLabels(byte[] newLabels) {
    return new LabelMap(grid, new ArrayList<>(byLabel.values()), newLabels);
  }
}
