package org.twinsim.model.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.rng.RandomStream;

class ProjectedLbfgsTest {

  /**
   * Non-negative least squares min ||A x - b||^2, x >= 0, whose unconstrained minimum has negative
   * components. The answer is checked by the Karush-Kuhn-Tucker conditions (necessary and
   * sufficient for this convex problem): x >= 0, gradient >= 0 where x = 0, gradient = 0 where x > 0.
   */
  @Test
  void solvesNonNegativeLeastSquaresToKkt() {
    int m = 60;
    int n = 25;
    RandomStream rs = RandomStreams.stream(11, "test.nnls");
    double[][] a = new double[m][n];
    double[] b = new double[m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = rs.nextDouble();
      }
      b[i] = 4 * rs.nextDouble() - 1.5;
    }
    ProjectedLbfgs.Function f = (x, g) -> {
      double v = 0;
      java.util.Arrays.fill(g, 0);
      for (int i = 0; i < m; i++) {
        double r = -b[i];
        for (int j = 0; j < n; j++) {
          r += a[i][j] * x[j];
        }
        v += r * r;
        for (int j = 0; j < n; j++) {
          g[j] += 2 * r * a[i][j];
        }
      }
      return v;
    };
    ProjectedLbfgs.Result res = new ProjectedLbfgs(8, 2000, 1e-14).minimize(f, new double[n], null);
    double[] g = new double[n];
    f.evaluate(res.x(), g);
    int atBound = 0;
    for (int j = 0; j < n; j++) {
      assertTrue(res.x()[j] >= 0);
      if (res.x()[j] == 0) {
        atBound++;
        assertTrue(g[j] >= -1e-6, "gradient " + g[j] + " at bound variable " + j);
      } else {
        assertEquals(0, g[j], 1e-5, "gradient of free variable " + j);
      }
    }
    assertTrue(atBound > 0, "the test problem should have active bounds");
  }

  /** A separable quadratic with known minimiser max(0, c): reached exactly. */
  @Test
  void separableQuadraticReachesProjectedMinimiser() {
    double[] c = {3, -2, 0.5, -0.1, 7};
    ProjectedLbfgs.Function f = (x, g) -> {
      double v = 0;
      for (int i = 0; i < c.length; i++) {
        double d = x[i] - c[i];
        v += (i + 1) * d * d;
        g[i] = 2 * (i + 1) * d;
      }
      return v;
    };
    ProjectedLbfgs.Result r = new ProjectedLbfgs(5, 200, 0).minimize(f, new double[] {1, 1, 1, 1, 1}, null);
    for (int i = 0; i < c.length; i++) {
      assertEquals(Math.max(0, c[i]), r.x()[i], 1e-6);
    }
    assertTrue(r.converged());
  }
}
