package org.twinsim.model.twin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reader of gp_fixture.csv, written by src/test/python/make_gp_fixture.py with scikit-learn:
 * lines {@code case,name,rows,cols,values...}, values row-major.
 */
final class GpFixture {
  record Entry(int rows, int cols, double[] values) {
    double scalar() {
      return values[0];
    }

    double[][] matrix() {
      double[][] m = new double[rows][cols];
      for (int i = 0; i < rows; i++) {
        System.arraycopy(values, i * cols, m[i], 0, cols);
      }
      return m;
    }
  }

  private final Map<String, Entry> entries = new HashMap<>();

  static GpFixture load() {
    try (InputStream in = GpFixture.class.getResourceAsStream("gp_fixture.csv")) {
      if (in == null) {
        throw new IllegalStateException("gp_fixture.csv missing; run src/test/python/make_gp_fixture.py");
      }
      GpFixture f = new GpFixture();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] t = line.split(",");
        int rows = Integer.parseInt(t[2]);
        int cols = Integer.parseInt(t[3]);
        double[] v = new double[rows * cols];
        if (t.length != 4 + v.length) {
          throw new IllegalStateException("fixture line " + t[0] + "," + t[1] + ": expected " + v.length + " values");
        }
        for (int i = 0; i < v.length; i++) {
          v[i] = Double.parseDouble(t[4 + i]);
        }
        f.entries.put(t[0] + "." + t[1], new Entry(rows, cols, v));
      }
      return f;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  Entry get(String caseName, String name) {
    Entry e = entries.get(caseName + "." + name);
    if (e == null) {
      throw new IllegalStateException("fixture has no " + caseName + "." + name);
    }
    return e;
  }

  double[] values(String caseName, String name) {
    return get(caseName, name).values();
  }
}
