package org.twinsim.model.dose;

import java.util.Arrays;

/**
 * A sparse dose-influence matrix in compressed sparse row form: row r is a voxel
 * ({@link #voxel(int)} gives its flat grid index), column c a spot in plan order, the value the dose
 * (Gy) that spot c delivers to voxel r per unit weight (10^6 protons). Dose = A w.
 *
 * <p>Layout: the entries of row r are {@code colIndex[rowStart[r] .. rowStart[r+1])} with values
 * {@code values[...]} at the same positions, columns in no particular order within a row and
 * each at most once. Immutable once built
 * (the arrays are exposed for kernels: do not modify them).
 */
public final class InfluenceMatrix {
  private final int columns;
  private final int[] voxels;
  private final int[] rowStart;
  private final int[] colIndex;
  private final float[] values;

  public InfluenceMatrix(int columns, int[] voxels, int[] rowStart, int[] colIndex, float[] values) {
    if (rowStart.length != voxels.length + 1 || rowStart[0] != 0 || rowStart[voxels.length] != colIndex.length
        || colIndex.length != values.length) {
      throw new IllegalArgumentException("inconsistent CSR arrays: " + voxels.length + " rows, rowStart "
          + rowStart.length + ", " + colIndex.length + " columns, " + values.length + " values");
    }
    this.columns = columns;
    this.voxels = voxels;
    this.rowStart = rowStart;
    this.colIndex = colIndex;
    this.values = values;
  }

  public int rows() {
    return voxels.length;
  }

  public int columns() {
    return columns;
  }

  /** Number of stored entries. */
  public long nonZeros() {
    return colIndex.length;
  }

  /** Memory of the arrays, bytes. */
  public long bytes() {
    return 4L * (voxels.length + rowStart.length + colIndex.length + values.length);
  }

  /** Flat grid index of row r's voxel. */
  public int voxel(int r) {
    return voxels[r];
  }

  /** Row voxels (not a copy). */
  public int[] voxels() {
    return voxels;
  }

  public int[] rowStart() {
    return rowStart;
  }

  public int[] colIndex() {
    return colIndex;
  }

  public float[] values() {
    return values;
  }

  /** {@code out = A w}; {@code out} (length rows) is overwritten. Parallel over row blocks. */
  public void multiply(double[] w, double[] out, int threads) {
    if (w.length != columns || out.length != voxels.length) {
      throw new IllegalArgumentException("multiply: expected " + columns + " weights and " + voxels.length
          + " outputs, got " + w.length + " and " + out.length);
    }
    int rows = voxels.length;
    int block = 2048;
    int blocks = (rows + block - 1) / block;
    Parallel.forEach(threads, blocks, b -> {
      int end = Math.min(rows, (b + 1) * block);
      for (int r = b * block; r < end; r++) {
        double s = 0;
        for (int e = rowStart[r], stop = rowStart[r + 1]; e < stop; e++) {
          s += values[e] * w[colIndex[e]];
        }
        out[r] = s;
      }
    });
  }

  /**
   * {@code out = A^T g}; {@code out} (length columns) is overwritten. Each thread accumulates into
   * its own buffer over a block of rows; the buffers are then summed.
   */
  public void multiplyTranspose(double[] g, double[] out, int threads) {
    if (g.length != voxels.length || out.length != columns) {
      throw new IllegalArgumentException("multiplyTranspose: expected " + voxels.length + " inputs and " + columns
          + " outputs, got " + g.length + " and " + out.length);
    }
    int t = Math.max(1, Math.min(Parallel.resolve(threads), (voxels.length + 4095) / 4096));
    double[][] partial = new double[t][];
    int rows = voxels.length;
    Parallel.forEach(t, t, p -> {
      double[] acc = new double[columns];
      int start = (int) ((long) rows * p / t);
      int end = (int) ((long) rows * (p + 1) / t);
      for (int r = start; r < end; r++) {
        double gr = g[r];
        if (gr == 0) {
          continue;
        }
        for (int e = rowStart[r], stop = rowStart[r + 1]; e < stop; e++) {
          acc[colIndex[e]] += values[e] * gr;
        }
      }
      partial[p] = acc;
    });
    Arrays.fill(out, 0);
    for (double[] acc : partial) {
      for (int c = 0; c < columns; c++) {
        out[c] += acc[c];
      }
    }
  }
}
