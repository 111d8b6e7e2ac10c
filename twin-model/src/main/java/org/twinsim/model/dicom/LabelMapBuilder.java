package org.twinsim.model.dicom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.LabelMap;
import org.twinsim.model.geometry.Structure;

/**
 * Turns the ROIs of a parsed RT Structure Set into a {@link LabelMap} on the CT grid.
 *
 * <ol>
 *   <li>Each ROI's CLOSED_PLANAR (and CLOSEDPLANAR_XOR) contours are assigned to the CT slice
 *       whose z is within a quarter of the slice spacing, and rasterised slice by slice with the
 *       even-odd rule at voxel centres ({@link PolygonRasterizer}); other contour types, contours
 *       off the slices or not axial are skipped and reported, as are slices where two contours of
 *       one ROI overlap without nesting (a union was probably meant; even-odd makes a hole).</li>
 *   <li>Names are mapped by {@link StructureSynonyms}; per canonical structure the ROI with the
 *       best-ranked synonym wins, other candidates keep their own names.</li>
 *   <li>Recognised structures keep the label, priority and nesting of
 *       {@link StructureNames#prostateTree()}, re-parented to the nearest ancestor present. A
 *       structure's voxels outside its parent are dropped (the label map nests a child's voxels in
 *       its parent's mask; keeping them would grow the parent, e.g. the CTV) and reported.</li>
 *   <li>Unrecognised ROIs keep their own names under labels 13 to 255: inside Body (priority 1,
 *       clipped to it) when at least half of their voxels lie in Body, else top-level (priority
 *       -1). Where structures overlap without nesting, the higher priority keeps the voxel, and the
 *       loss is reported per ROI.</li>
 * </ol>
 */
final class LabelMapBuilder {
  static final int FIRST_OWN_LABEL = 13;
  /** A contour is on slice k when |z - z(k)| is at most this fraction of the slice spacing. */
  static final double SLICE_MATCH_FRACTION = 0.25;
  /** Largest z extent of a planar contour, mm. */
  static final double PLANAR_TOL_MM = 0.05;

  private LabelMapBuilder() {
  }

  record Result(LabelMap labels, List<RoiFinding> findings) {
  }

  /** Contours of one ROI sorted onto slices, with the counts that go into its finding. */
  private static final class Placed {
    final StructureSetParser.Roi roi;
    final TreeMap<Integer, List<double[]>> bySlice = new TreeMap<>();
    final List<String> notes = new ArrayList<>();
    int used;
    String structure;
    RoiFinding.Match match = RoiFinding.Match.NOT_IMPORTED;
    long rasterised;
    long afterClip;
    int label;

    Placed(StructureSetParser.Roi roi) {
      this.roi = roi;
    }
  }

  static Result build(Grid3 g, List<StructureSetParser.Roi> rois, List<String> warnings) {
    List<Placed> placed = new ArrayList<>();
    for (StructureSetParser.Roi r : rois) {
      Placed p = place(g, r);
      int overlaps = partialOverlaps(g, p);
      if (overlaps > 0) {
        p.notes.add(overlaps + " slice(s) with contours that overlap without nesting: the even-odd rule makes the "
            + "overlap a hole (if a union was meant, merge the contours in the planning system)");
      }
      placed.add(p);
    }
    // 1. canonical names: best rank wins, ties by ROI order
    Map<String, Placed> canonical = new LinkedHashMap<>();
    Map<String, Integer> bestRank = new HashMap<>();
    for (Placed p : placed) {
      if (p.used == 0) {
        continue;
      }
      var m = StructureSynonyms.match(p.roi.name());
      if (m.isPresent()) {
        String s = m.get().structure();
        Integer best = bestRank.get(s);
        if (best == null || m.get().rank() < best) {
          canonical.put(s, p);
          bestRank.put(s, m.get().rank());
        }
      }
    }
    for (Map.Entry<String, Placed> e : canonical.entrySet()) {
      e.getValue().structure = e.getKey();
      e.getValue().match = bestRank.get(e.getKey()) == 0 ? RoiFinding.Match.CANONICAL : RoiFinding.Match.SYNONYM;
    }
    for (Placed p : placed) {
      if (p.used > 0 && p.structure == null) {
        StructureSynonyms.match(p.roi.name()).ifPresent(m -> p.notes.add("also a name for " + m.structure() + ", which '"
            + canonical.get(m.structure()).roi.name() + "' (a better match) became; kept under its own name"));
      }
    }
    if (!canonical.containsKey(StructureNames.BODY)) {
      List<Placed> ext = placed.stream()
          .filter(p -> p.used > 0 && p.structure == null && "EXTERNAL".equals(p.roi.interpretedType())).toList();
      if (ext.size() == 1) {
        Placed p = ext.get(0);
        p.structure = StructureNames.BODY;
        p.match = RoiFinding.Match.EXTERNAL_TYPE;
        canonical.put(StructureNames.BODY, p);
        p.notes.add("taken as Body: its RT ROI Interpreted Type is EXTERNAL");
      } else if (ext.size() > 1) {
        warnings.add(ext.size() + " ROIs have type EXTERNAL and none is named like a body outline; none taken as Body");
      }
    }
    // 2. rasterise recognised structures, re-parent and clip along the canonical tree
    Map<Integer, Structure> tree = new LinkedHashMap<>();
    for (Structure s : StructureNames.prostateTree()) {
      tree.put(s.label(), s);
    }
    Map<String, BitSet> masks = new HashMap<>();
    List<Structure> structures = new ArrayList<>();
    Map<Integer, Integer> presentParent = new HashMap<>();
    for (Structure s : StructureNames.prostateTree()) { // pre-order: parents first
      Placed p = canonical.get(s.name());
      if (p == null) {
        continue;
      }
      BitSet m = rasterise(g, p);
      p.rasterised = m.cardinality();
      int parent = s.parentLabel();
      while (parent != 0 && !canonical.containsKey(tree.get(parent).name())) {
        parent = tree.get(parent).parentLabel();
      }
      presentParent.put(s.label(), parent);
      if (parent != 0) {
        String parentName = tree.get(parent).name();
        BitSet outside = (BitSet) m.clone();
        outside.andNot(masks.get(parentName));
        int n = outside.cardinality();
        if (n > 0) {
          m.and(masks.get(parentName));
          p.notes.add(String.format(Locale.ROOT, "%d voxels (%.2f cc) outside %s dropped: the label tree nests %s in %s",
              n, n * g.voxelVolumeCc(), parentName, s.name(), parentName));
        }
      }
      p.afterClip = m.cardinality();
      p.label = s.label();
      masks.put(s.name(), m);
      structures.add(new Structure(s.label(), s.name(), s.priority(), parent));
    }
    // 3. unrecognised ROIs: own names, parent Body if mostly inside it
    BitSet body = masks.get(StructureNames.BODY);
    Set<String> taken = new HashSet<>();
    structures.forEach(s -> taken.add(s.name()));
    int nextLabel = FIRST_OWN_LABEL;
    List<Placed> own = new ArrayList<>();
    for (Placed p : placed) {
      if (p.used == 0) {
        if (p.notes.isEmpty()) {
          p.notes.add("no contours");
        }
        continue;
      }
      if (p.structure != null) {
        continue;
      }
      if (nextLabel > 255) {
        p.notes.add("not imported: all 255 labels are in use");
        continue;
      }
      BitSet m = rasterise(g, p);
      p.rasterised = m.cardinality();
      boolean inBody = false;
      if (body != null && p.rasterised > 0) {
        BitSet in = (BitSet) m.clone();
        in.and(body);
        inBody = 2L * in.cardinality() >= p.rasterised;
        if (inBody && in.cardinality() < p.rasterised) {
          long n = p.rasterised - in.cardinality();
          p.notes.add(String.format(Locale.ROOT, "%d voxels (%.2f cc) outside Body dropped", n, n * g.voxelVolumeCc()));
        }
        p.afterClip = inBody ? in.cardinality() : p.rasterised;
      } else {
        p.afterClip = p.rasterised;
      }
      String name = p.roi.name().trim();
      if (taken.contains(name)) {
        name = name + " (ROI " + p.roi.number() + ")";
      }
      taken.add(name);
      p.structure = name;
      p.match = RoiFinding.Match.OWN_NAME;
      p.label = nextLabel++;
      structures.add(new Structure(p.label, name, inBody ? 1 : -1, inBody ? StructureNames.prostateTree().get(0).label() : 0));
      own.add(p);
    }
    // 4. paint: recognised in tree order, then own names
    LabelMap lm = new LabelMap(g, structures);
    for (Structure s : structures) {
      BitSet m = masks.get(s.name());
      if (m != null) {
        paint(lm, s.name(), m);
      }
    }
    for (Placed p : own) {
      BitSet m = rasterise(g, p);
      Structure s = lm.structure(p.structure);
      if (s.parentLabel() != 0) {
        m.and(body);
      }
      paint(lm, p.structure, m);
    }
    // 5. findings
    long[] histogram = new long[256];
    for (byte b : lm.labels()) {
      histogram[b & 0xFF]++;
    }
    List<RoiFinding> findings = new ArrayList<>();
    for (Placed p : placed) {
      long inMap = 0;
      if (p.label != 0) {
        for (int l = 1; l < 256; l++) {
          if (histogram[l] > 0 && lm.isWithin(l, p.label)) {
            inMap += histogram[l];
          }
        }
        long lost = p.afterClip - inMap;
        if (lost > 0) {
          p.notes.add(String.format(Locale.ROOT,
              "%d voxels (%.2f cc) shared with higher-priority structures belong to them in the label map",
              lost, lost * g.voxelVolumeCc()));
        }
        if (inMap == 0 && p.rasterised == 0) {
          p.notes.add("its contours enclose no voxel centre");
        }
      }
      findings.add(new RoiFinding(p.roi.number(), p.roi.name(), p.label == 0 ? null : p.structure,
          p.label == 0 ? RoiFinding.Match.NOT_IMPORTED : p.match, p.roi.interpretedType(), p.roi.contours().size(),
          p.used, p.rasterised, inMap, p.notes));
    }
    return new Result(lm, findings);
  }

  /**
   * {@link LabelMap#paint} for a mask given as a bit set, visiting only its voxels: the same rule
   * (a voxel takes the label unless it belongs to a structure of higher priority that is not an
   * ancestor), decided per current label from a table.
   */
  static void paint(LabelMap lm, String name, BitSet mask) {
    Structure s = lm.structure(name);
    boolean[] allowed = new boolean[256];
    allowed[0] = true;
    for (Structure c : lm.structures()) {
      allowed[c.label()] = lm.isWithin(s.label(), c.label()) || c.priority() <= s.priority();
    }
    byte[] labels = lm.labels();
    byte label = (byte) s.label();
    for (int i = mask.nextSetBit(0); i >= 0; i = mask.nextSetBit(i + 1)) {
      if (allowed[labels[i] & 0xFF]) {
        labels[i] = label;
      }
    }
  }

  /** Sorts an ROI's contours onto slices and notes what is skipped. */
  private static Placed place(Grid3 g, StructureSetParser.Roi roi) {
    Placed p = new Placed(roi);
    double zTol = Math.max(0.01, SLICE_MATCH_FRACTION * g.spacingZMm());
    double xLo = g.x(0) - 0.5 * g.spacingXMm();
    double xHi = g.x(g.nx() - 1) + 0.5 * g.spacingXMm();
    double yLo = g.y(0) - 0.5 * g.spacingYMm();
    double yHi = g.y(g.ny() - 1) + 0.5 * g.spacingYMm();
    Map<String, Integer> skippedTypes = new TreeMap<>();
    int offSlice = 0;
    int outsideZ = 0;
    int notPlanar = 0;
    int tooFew = 0;
    int duplicates = 0;
    boolean beyondFov = false;
    for (StructureSetParser.Contour c : roi.contours()) {
      String type = c.geometricType();
      if (!type.equals("CLOSED_PLANAR") && !type.equals("CLOSEDPLANAR_XOR")) {
        skippedTypes.merge(type.isEmpty() ? "(no type)" : type, 1, Integer::sum);
        continue;
      }
      double[] pts = c.points();
      int n = pts.length / 3;
      if (n < 3) {
        tooFew++;
        continue;
      }
      double zMin = Double.POSITIVE_INFINITY;
      double zMax = Double.NEGATIVE_INFINITY;
      double[] xy = new double[2 * n];
      for (int v = 0; v < n; v++) {
        double x = pts[3 * v];
        double y = pts[3 * v + 1];
        double z = pts[3 * v + 2];
        xy[2 * v] = x;
        xy[2 * v + 1] = y;
        zMin = Math.min(zMin, z);
        zMax = Math.max(zMax, z);
        beyondFov |= x < xLo || x > xHi || y < yLo || y > yHi;
      }
      if (zMax - zMin > PLANAR_TOL_MM) {
        notPlanar++;
        continue;
      }
      double z = 0.5 * (zMin + zMax);
      long k = Math.round(g.fk(z));
      if (k < 0 || k >= g.nz()) {
        outsideZ++;
        continue;
      }
      if (Math.abs(z - g.z((int) k)) > zTol) {
        offSlice++;
        continue;
      }
      List<double[]> slice = p.bySlice.computeIfAbsent((int) k, kk -> new ArrayList<>());
      boolean dup = false;
      for (double[] other : slice) {
        if (Arrays.equals(other, xy)) {
          dup = true;
          break;
        }
      }
      if (dup) {
        duplicates++; // the same contour twice would cancel itself under the even-odd rule
        continue;
      }
      slice.add(xy);
      p.used++;
    }
    skippedTypes.forEach((t, n) -> p.notes.add(n + " " + t + " contour" + (n > 1 ? "s" : "") + " skipped (only closed planar contours make a volume)"));
    if (tooFew > 0) {
      p.notes.add(tooFew + " contour(s) with fewer than 3 points skipped");
    }
    if (notPlanar > 0) {
      p.notes.add(notPlanar + " contour(s) not in an axial plane skipped");
    }
    if (outsideZ > 0) {
      p.notes.add(outsideZ + " contour(s) beyond the CT's first or last slice skipped");
    }
    if (offSlice > 0) {
      p.notes.add(String.format(Locale.ROOT, "%d contour(s) more than %.2f mm from every CT slice skipped "
          + "(drawn on another image series?)", offSlice, zTol));
    }
    if (duplicates > 0) {
      p.notes.add(duplicates + " duplicate contour(s) on the same slice dropped");
    }
    if (beyondFov) {
      p.notes.add("extends beyond the CT's field of view: clipped to the grid");
    }
    return p;
  }

  /**
   * Slices where two contours of the ROI share voxels but neither contains the other: not a hole
   * (nested) nor separate islands, so probably drawn as a union, which the even-odd rule does not
   * give.
   */
  private static int partialOverlaps(Grid3 g, Placed p) {
    int nxy = g.nx() * g.ny();
    int slices = 0;
    for (List<double[]> contours : p.bySlice.values()) {
      if (contours.size() < 2) {
        continue;
      }
      List<BitSet> masks = new ArrayList<>();
      boolean[] buf = new boolean[nxy];
      for (double[] c : contours) {
        Arrays.fill(buf, false);
        PolygonRasterizer.fillEvenOdd(List.of(c), g, buf);
        BitSet b = new BitSet(nxy);
        for (int i = 0; i < nxy; i++) {
          if (buf[i]) {
            b.set(i);
          }
        }
        masks.add(b);
      }
      found:
      for (int a = 0; a < masks.size(); a++) {
        for (int b = a + 1; b < masks.size(); b++) {
          BitSet both = (BitSet) masks.get(a).clone();
          both.and(masks.get(b));
          int n = both.cardinality();
          if (n > 0 && n < masks.get(a).cardinality() && n < masks.get(b).cardinality()) {
            slices++;
            break found;
          }
        }
      }
    }
    return slices;
  }

  private static BitSet rasterise(Grid3 g, Placed p) {
    int nxy = g.nx() * g.ny();
    BitSet m = new BitSet(g.size());
    boolean[] slice = new boolean[nxy];
    for (Map.Entry<Integer, List<double[]>> e : p.bySlice.entrySet()) {
      Arrays.fill(slice, false);
      PolygonRasterizer.fillEvenOdd(e.getValue(), g, slice);
      int off = e.getKey() * nxy;
      for (int i = 0; i < nxy; i++) {
        if (slice[i]) {
          m.set(off + i);
        }
      }
    }
    return m;
  }
}
