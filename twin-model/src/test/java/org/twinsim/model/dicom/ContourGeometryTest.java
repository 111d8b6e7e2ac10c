package org.twinsim.model.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.random.RandomStreams;
import umontreal.ssj.rng.RandomStream;

/** Marching squares and even-odd rasterisation against analytic areas and counts. */
class ContourGeometryTest {
  private static final Grid3 UNIT = new Grid3(20, 20, 1, 1, 1, 1, 0, 0, 0);

  private static int count(boolean[] s) {
    int n = 0;
    for (boolean b : s) {
      n += b ? 1 : 0;
    }
    return n;
  }

  /** Shoelace area of a polygon {x0,y0,x1,y1,...}; positive when counter-clockwise. */
  private static double area(double[] p) {
    double a = 0;
    int n = p.length / 2;
    for (int v = 0; v < n; v++) {
      int w = (v + 1) % n;
      a += p[2 * v] * p[2 * w + 1] - p[2 * w] * p[2 * v + 1];
    }
    return a / 2;
  }

  @Test
  void rectangleCoversTheVoxelCentresInsideIt() {
    boolean[] s = new boolean[400];
    // x in (2.3, 7.8): centres 3..7 (5); y in (3.7, 9.2): centres 4..9 (6)
    PolygonRasterizer.fillEvenOdd(List.of(new double[] {2.3, 3.7, 7.8, 3.7, 7.8, 9.2, 2.3, 9.2}), UNIT, s);
    assertEquals(30, count(s));
    assertTrue(s[3 + 20 * 4] && s[7 + 20 * 9] && !s[2 + 20 * 4] && !s[8 + 20 * 9] && !s[3 + 20 * 3]);
  }

  @Test
  void nestedContoursAndKeyholeMakeTheSameHole() {
    double[] outer = {1.5, 1.5, 12.5, 1.5, 12.5, 10.5, 1.5, 10.5}; // 11 x 9 = 99 centres
    double[] inner = {4.5, 3.5, 4.5, 7.5, 8.5, 7.5, 8.5, 3.5};     // 4 x 4 = 16 centres
    boolean[] two = new boolean[400];
    PolygonRasterizer.fillEvenOdd(List.of(outer, inner), UNIT, two);
    assertEquals(99 - 16, count(two));
    // keyhole: outer ring, a zero-width cut at y = 5.5 to the hole, the hole reversed, back out
    double[] keyhole = {1.5, 1.5, 12.5, 1.5, 12.5, 10.5, 1.5, 10.5, 1.5, 5.5, 4.5, 5.5, 4.5, 7.5, 8.5, 7.5, 8.5, 3.5,
        4.5, 3.5, 4.5, 5.5, 1.5, 5.5};
    boolean[] one = new boolean[400];
    PolygonRasterizer.fillEvenOdd(List.of(keyhole), UNIT, one);
    assertArrayEquals(two, one);
  }

  @Test
  void circleMatchesThePointInCircleCount() {
    Grid3 g = new Grid3(64, 48, 1, 0.8, 1.1, 1, -25.2, -26.05, 0);
    double cx = 0.37;
    double cy = -1.21;
    double r = 17.3;
    int n = 3600;
    double[] poly = new double[2 * n];
    for (int v = 0; v < n; v++) {
      poly[2 * v] = cx + r * Math.cos(2 * Math.PI * v / n);
      poly[2 * v + 1] = cy + r * Math.sin(2 * Math.PI * v / n);
    }
    boolean[] s = new boolean[g.nx() * g.ny()];
    PolygonRasterizer.fillEvenOdd(List.of(poly), g, s);
    int expected = 0;
    for (int j = 0; j < g.ny(); j++) {
      for (int i = 0; i < g.nx(); i++) {
        double dx = g.x(i) - cx;
        double dy = g.y(j) - cy;
        boolean in = dx * dx + dy * dy < r * r;
        expected += in ? 1 : 0;
        assertEquals(in, s[i + g.nx() * j], "voxel " + i + "," + j);
      }
    }
    assertTrue(expected > 700);
  }

  @Test
  void filledRectangleGivesOneOctagonWithCornersCut() {
    Grid3 g = new Grid3(10, 8, 1, 1, 1, 1, 0, 0, 0);
    boolean[] m = new boolean[80];
    for (int j = 2; j < 5; j++) {
      for (int i = 3; i < 8; i++) {
        m[i + 10 * j] = true;
      }
    }
    List<double[]> c = MarchingSquares.sliceContours(m, g, 0);
    assertEquals(1, c.size());
    assertEquals(8, c.get(0).length / 2, "4 sides + 4 cut corners, collinear vertices dropped");
    // 5 x 3 voxels, each of the 4 corner triangles cuts 1/8 of a voxel
    assertEquals(15 - 0.5, area(c.get(0)), 1e-12);
  }

  @Test
  void holesRunTheOtherWay() {
    Grid3 g = new Grid3(9, 9, 1, 1, 1, 1, 0, 0, 0);
    boolean[] m = new boolean[81];
    for (int j = 1; j < 8; j++) {
      for (int i = 1; i < 8; i++) {
        m[i + 9 * j] = !(i >= 3 && i <= 5 && j >= 3 && j <= 5);
      }
    }
    List<double[]> c = MarchingSquares.sliceContours(m, g, 0);
    assertEquals(2, c.size());
    double a0 = area(c.get(0));
    double a1 = area(c.get(1));
    assertTrue(a0 * a1 < 0, "outline and hole have opposite orientation");
    assertEquals((49 - 0.5) - (9 - 0.5), a0 + a1, 1e-12); // both squares lose 4 corner triangles of 1/8
  }

  /** The importer's bit-set painting follows LabelMap.paint's rule exactly (random overlapping masks). */
  @Test
  void bitSetPaintingMatchesLabelMapPaint() {
    Grid3 g = new Grid3(17, 13, 5, 1, 1, 1, 0, 0, 0);
    RandomStream rs = RandomStreams.stream(11, "test.dicom.paint");
    var tree = org.twinsim.model.anatomy.StructureNames.prostateTree();
    org.twinsim.model.geometry.LabelMap a = new org.twinsim.model.geometry.LabelMap(g, tree);
    org.twinsim.model.geometry.LabelMap b = new org.twinsim.model.geometry.LabelMap(g, tree);
    for (int round = 0; round < 3; round++) {
      for (var s : tree) {
        java.util.BitSet m = new java.util.BitSet(g.size());
        for (int i = 0; i < g.size(); i++) {
          if (rs.nextDouble() < 0.3) {
            m.set(i);
          }
        }
        a.paint(s.name(), m::get);
        LabelMapBuilder.paint(b, s.name(), m);
        assertArrayEquals(a.labels(), b.labels(), s.name());
      }
    }
  }

  /** Rasterising marching-squares contours at voxel centres gives back the mask, voxel for voxel. */
  @Test
  void randomMasksSurviveContourAndRasterise() {
    Grid3 g = new Grid3(31, 23, 6, 1.3, 0.7, 2, -7.1, 3.3, 0);
    RandomStream rs = RandomStreams.stream(42, "test.dicom.masks");
    for (int trial = 0; trial < 20; trial++) {
      boolean[] m = new boolean[g.size()];
      double density = 0.2 + 0.6 * rs.nextDouble();
      for (int i = 0; i < m.length; i++) {
        m[i] = rs.nextDouble() < density;
      }
      for (int k = 0; k < g.nz(); k++) {
        List<double[]> c = MarchingSquares.sliceContours(m, g, k);
        boolean[] s = new boolean[g.nx() * g.ny()];
        PolygonRasterizer.fillEvenOdd(new ArrayList<>(c), g, s);
        for (int i = 0; i < s.length; i++) {
          assertEquals(m[k * s.length + i], s[i], "trial " + trial + " slice " + k + " voxel " + i);
        }
      }
    }
  }
}
