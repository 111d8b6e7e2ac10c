package org.twinsim.model.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SOPClass;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.twinsim.model.geometry.LabelMap;

/**
 * Import of a planning CT series and its RT Structure Set from a folder: the entry point the
 * command line calls.
 *
 * <p>The folder is searched recursively; file names and order do not matter. Hidden files and
 * folders (name starting with ".") and files that are not DICOM (no "DICM" marker and no plausible
 * data set start, e.g. a README) are skipped with a warning. Every DICOM file must be complete and
 * readable: an empty, truncated or damaged DICOM file fails the import, since it may be a slice of
 * the series. Implicit and explicit VR little endian (and explicit big endian, deflated) are read.
 * Other objects (RT Plan, RT Dose, registrations, DICOMDIR, other modalities) are ignored with a
 * warning, as are CT localizer images.
 *
 * <p>The folder must hold exactly one CT Image Storage series (or name one with
 * {@link ImportOptions#ctSeriesInstanceUid}): see {@link CtAssembler} for the geometry accepted.
 * An RT Structure Set is optional (without one the label map is empty and a warning says so); with
 * several, one must be chosen by {@link ImportOptions#structureSetSopInstanceUid}. Its frame of
 * reference must be the CT's. ROIs become a label map by {@link LabelMapBuilder}.
 *
 * <p>The patient's name and ID are read only to compute the {@link Pseudonym}; they appear in no
 * result, warning or message (file and folder names are redacted too). Every problem found is
 * reported in one {@link DicomImportException}; nothing is returned then, and nothing is ever
 * written.
 */
public final class DicomImport {
  private static final String CT = SOPClass.CTImageStorage;
  private static final String RTSTRUCT = SOPClass.RTStructureSetStorage;
  private static final int MAX_LISTED = 20;

  private DicomImport() {
  }

  /** Reads a folder with default options. */
  public static ImportedPatient read(Path dir) throws DicomImportException {
    return read(dir, ImportOptions.defaults());
  }

  /**
   * Reads a folder.
   *
   * @throws DicomImportException naming each file that is wrong and why
   */
  public static ImportedPatient read(Path dir, ImportOptions options) throws DicomImportException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(options, "options");
    Path root = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new DicomImportException("DICOM import: " + dir + " is not a folder", List.of(dir + " is not a folder"));
    }
    List<Path> files = new ArrayList<>();
    List<Path> hidden = new ArrayList<>();
    List<Path> loops = new ArrayList<>();
    try {
      // symbolic links are followed (staging folders of links are common); loops are skipped
      Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          if (!d.equals(root) && d.getFileName().toString().startsWith(".")) {
            hidden.add(d);
            return FileVisitResult.SKIP_SUBTREE;
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
          if (f.getFileName().toString().startsWith(".")) {
            hidden.add(f);
          } else if (attrs.isRegularFile()) {
            files.add(f);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path f, IOException e) {
          if (e instanceof FileSystemLoopException) {
            loops.add(f);
          } else {
            files.add(f); // reported as unreadable below
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new DicomImportException("DICOM import of " + dir + " failed: cannot list the folder: " + e.getMessage(),
          List.of("cannot list the folder: " + e.getMessage()));
    }
    files.sort(Comparator.naturalOrder());
    List<DicomFileReader.Read> reads = files.parallelStream().map(DicomFileReader::read).toList();
    Run run = new Run(root, options);
    if (!loops.isEmpty()) {
      run.warnings.add(loops.size() + " symbolic link loop(s) skipped, e.g. " + run.rel(loops.get(0)));
    }
    return run.run(reads, hidden);
  }

  /** One import: collects problems and warnings, and redacts everything it reports. */
  private static final class Run {
    final Path root;
    final ImportOptions options;
    final List<Problem> problems = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    Redactor redactor = Redactor.none();

    Run(Path root, ImportOptions options) {
      this.root = root;
      this.options = options;
    }

    String rel(Path f) {
      if (f == null) {
        return "";
      }
      Path r = f.startsWith(root) ? root.relativize(f) : f;
      return r.toString().isEmpty() ? "." : r.toString();
    }

    ImportedPatient run(List<DicomFileReader.Read> reads, List<Path> hidden) throws DicomImportException {
      List<Path> notDicom = new ArrayList<>();
      List<DicomFileReader.Read> ctReads = new ArrayList<>();
      List<DicomFileReader.Read> rsReads = new ArrayList<>();
      Map<String, Integer> others = new TreeMap<>();
      Set<String> patientIds = new LinkedHashSet<>();
      Set<String> patientNames = new LinkedHashSet<>();
      Set<String> methods = new LinkedHashSet<>();
      Set<String> ctStudies = new LinkedHashSet<>();
      int dicomFiles = 0;
      for (DicomFileReader.Read r : reads) {
        if (!r.dicom()) {
          notDicom.add(r.file());
          continue;
        }
        dicomFiles++;
        if (r.problem() != null) {
          problems.add(new Problem(r.file(), r.problem()));
          continue;
        }
        AttributeList l = r.list();
        String id = DicomValues.string(l, Tags.PatientID);
        String name = DicomValues.string(l, Tags.PatientName);
        if (id != null && !id.isEmpty()) {
          patientIds.add(id);
        }
        if (name != null && !name.isEmpty()) {
          patientNames.add(name);
        }
        methods.add(DicomValues.stringOrEmpty(l, Tags.DeidentificationMethod));
        String sopClass = DicomValues.string(l, Tags.SOPClassUID);
        if (sopClass == null || sopClass.isEmpty()) {
          sopClass = DicomValues.stringOrEmpty(l, Tags.MediaStorageSOPClassUID);
        }
        if (CT.equals(sopClass)) {
          ctReads.add(r);
          ctStudies.add(DicomValues.stringOrEmpty(l, Tags.StudyInstanceUID));
        } else if (RTSTRUCT.equals(sopClass)) {
          rsReads.add(r);
        } else if (sopClass.isEmpty()) {
          problems.add(new Problem(r.file(), "DICOM file without SOP Class UID (0008,0016): not a storable object"));
        } else {
          others.merge(describe(sopClass, DicomValues.stringOrEmpty(l, Tags.Modality)), 1, Integer::sum);
        }
      }
      Pseudonym pseudonym = pseudonymOf(patientIds, patientNames, methods, ctStudies);
      redactor = Redactor.of(patientIds, patientNames, pseudonym.value());
      if (!hidden.isEmpty()) {
        warnings.add(hidden.size() + " hidden file(s)/folder(s) skipped, e.g. " + rel(hidden.get(0)));
      }
      if (!notDicom.isEmpty()) {
        warnings.add(notDicom.size() + " file(s) that are not DICOM skipped: " + list(notDicom));
      }
      if (!others.isEmpty()) {
        StringBuilder b = new StringBuilder("other DICOM objects ignored:");
        others.forEach((k, v) -> b.append(' ').append(v).append(" x ").append(k).append(';'));
        warnings.add(b.substring(0, b.length() - 1));
      }
      if (patientIds.size() > 1) {
        problems.add(new Problem(null, "the folder holds data of " + patientIds.size()
            + " patients (different Patient IDs); import one patient at a time"));
      }
      fail();

      // CT slices
      List<CtSlice> slices = new ArrayList<>();
      int localizers = 0;
      for (DicomFileReader.Read r : ctReads) {
        try {
          CtSlice s = CtSlice.from(r);
          if (s.localizer()) {
            localizers++;
          } else {
            slices.add(s);
          }
        } catch (Problem.Failure f) {
          problems.add(f.problem);
        }
      }
      if (localizers > 0) {
        warnings.add(localizers + " CT localizer (scout) image(s) ignored");
      }
      fail();
      if (slices.isEmpty()) {
        problems.add(new Problem(null, "no CT image found (" + dicomFiles + " DICOM file(s), " + notDicom.size()
            + " other file(s)" + (others.isEmpty() ? "" : "; other objects: " + String.join(", ", others.keySet())) + ")"));
        fail();
      }
      List<CtSlice> series = chooseSeries(slices);
      fail();
      CtSlice first = series.get(0);
      String forUid = first.frameOfReferenceUid();
      if (forUid.isEmpty()) {
        problems.add(new Problem(first.file(), "CT image has no Frame of Reference UID (0020,0052): contours cannot be placed"));
      }
      for (CtSlice s : series) {
        if (!s.frameOfReferenceUid().equals(forUid)) {
          problems.add(new Problem(s.file(), "Frame of Reference UID " + s.frameOfReferenceUid() + " differs from "
              + forUid + " of " + rel(first.file()) + ": one series must share one frame of reference"));
          break;
        }
      }
      fail();
      CtAssembler.Stack stack;
      try {
        stack = CtAssembler.assemble(series, this::rel, warnings);
      } catch (Problem.Failure f) {
        problems.add(f.problem);
        throw failure();
      }

      // RT Structure Set
      StructureSetParser.StructureSet rs = chooseStructureSet(rsReads, first, forUid);
      fail();
      LabelMap labels;
      List<RoiFinding> findings;
      if (rs == null) {
        warnings.add("no RT Structure Set found: the label map is empty");
        labels = new LabelMap(stack.grid(), List.of());
        findings = List.of();
      } else {
        warnings.addAll(rs.warnings());
        LabelMapBuilder.Result built = LabelMapBuilder.build(stack.grid(), rs.rois(), warnings);
        labels = built.labels();
        findings = built.findings().stream().map(this::redact).toList();
        if (labels.structures().stream().anyMatch(s -> redactor.leaks(s.name()))) {
          labels = relabelRedacted(labels);
        }
      }
      ImportedPatient.Source source = new ImportedPatient.Source(redactor.apply(root.toString()),
          first.seriesInstanceUid(), forUid, redactor.apply(first.seriesDescription()), stack.grid().nz(),
          rs == null ? null : rs.sopInstanceUid(), rs == null ? "" : redactor.apply(rs.label()), dicomFiles,
          notDicom.size() + hidden.size() + others.values().stream().mapToInt(Integer::intValue).sum() + localizers);
      return new ImportedPatient(pseudonym, stack.grid(), stack.hu(), labels, findings,
          warnings.stream().map(redactor::apply).toList(), source);
    }

    private List<CtSlice> chooseSeries(List<CtSlice> slices) {
      Map<String, List<CtSlice>> bySeries = new LinkedHashMap<>();
      for (CtSlice s : slices) {
        bySeries.computeIfAbsent(s.seriesInstanceUid(), k -> new ArrayList<>()).add(s);
      }
      String wanted = options.ctSeriesInstanceUid();
      if (wanted != null) {
        List<CtSlice> s = bySeries.get(wanted);
        if (s == null) {
          problems.add(new Problem(null, "CT series " + wanted + " not found; the folder holds " + describeSeries(bySeries)));
          return List.of();
        }
        if (bySeries.size() > 1) {
          warnings.add((bySeries.size() - 1) + " other CT series ignored as requested");
        }
        return dedupe(s);
      }
      if (bySeries.size() > 1) {
        problems.add(new Problem(null, "mixed CT series: the folder holds " + describeSeries(bySeries)
            + "; put one series per folder, or name the one to import (ImportOptions.ctSeriesInstanceUid)"));
        return List.of();
      }
      return dedupe(slices);
    }

    private String describeSeries(Map<String, List<CtSlice>> bySeries) {
      StringBuilder b = new StringBuilder();
      b.append(bySeries.size()).append(" CT series: ");
      int i = 0;
      for (Map.Entry<String, List<CtSlice>> e : bySeries.entrySet()) {
        if (i++ > 0) {
          b.append(", ");
        }
        CtSlice s = e.getValue().get(0);
        int n = e.getValue().size();
        b.append(e.getKey()).append(" (").append(n).append(n == 1 ? " slice" : " slices");
        if (!s.seriesDescription().isEmpty()) {
          b.append(", \"").append(s.seriesDescription()).append('"');
        }
        b.append(", e.g. ").append(rel(s.file())).append(')');
      }
      return b.toString();
    }

    /** Drops second copies of the same SOP instance (the same slice exported twice). */
    private List<CtSlice> dedupe(List<CtSlice> s) {
      Map<String, CtSlice> bySop = new LinkedHashMap<>();
      List<String> dup = new ArrayList<>();
      for (CtSlice c : s) {
        CtSlice prev = bySop.putIfAbsent(c.sopInstanceUid(), c);
        if (prev != null) {
          dup.add(rel(c.file()) + " = " + rel(prev.file()));
        }
      }
      if (!dup.isEmpty()) {
        warnings.add(dup.size() + " duplicate file(s) of the same CT slice ignored: " + String.join(", ",
            dup.subList(0, Math.min(5, dup.size()))) + (dup.size() > 5 ? ", ..." : ""));
      }
      return new ArrayList<>(bySop.values());
    }

    private StructureSetParser.StructureSet chooseStructureSet(List<DicomFileReader.Read> rsReads, CtSlice ct,
                                                               String forUid) {
      List<StructureSetParser.StructureSet> sets = new ArrayList<>();
      for (DicomFileReader.Read r : rsReads) {
        try {
          sets.add(StructureSetParser.parse(r.file(), r.list()));
        } catch (Problem.Failure f) {
          problems.add(f.problem);
        }
      }
      if (!problems.isEmpty() || sets.isEmpty()) {
        return null;
      }
      StructureSetParser.StructureSet rs;
      String wanted = options.structureSetSopInstanceUid();
      if (wanted != null) {
        rs = sets.stream().filter(s -> s.sopInstanceUid().equals(wanted)).findFirst().orElse(null);
        if (rs == null) {
          problems.add(new Problem(null, "RT Structure Set " + wanted + " not found among " + sets.size()));
          return null;
        }
      } else if (sets.size() > 1) {
        StringBuilder b = new StringBuilder(sets.size() + " RT Structure Sets found: ");
        for (int i = 0; i < sets.size(); i++) {
          var s = sets.get(i);
          b.append(i > 0 ? ", " : "").append(s.sopInstanceUid()).append(" (").append(rel(s.file()))
              .append(s.label().isEmpty() ? "" : ", \"" + s.label() + "\"").append(')');
        }
        b.append("; keep one, or name it (ImportOptions.structureSetSopInstanceUid)");
        problems.add(new Problem(null, b.toString()));
        return null;
      } else {
        rs = sets.get(0);
      }
      // same frame of reference (same patient: checked over all files above)
      Set<String> roiFors = new LinkedHashSet<>();
      for (StructureSetParser.Roi r : rs.rois()) {
        if (!r.referencedFrameOfReferenceUid().isEmpty() && !r.contours().isEmpty()) {
          roiFors.add(r.referencedFrameOfReferenceUid());
        }
      }
      Set<String> all = new LinkedHashSet<>(rs.frameOfReferenceUids());
      all.addAll(roiFors);
      all.remove(forUid);
      if (!all.isEmpty()) {
        problems.add(new Problem(rs.file(), "the RT Structure Set refers to Frame of Reference " + String.join(", ", all)
            + ", not the CT's " + forUid + ": its contours are not in the CT's coordinates"));
      } else if (rs.frameOfReferenceUids().isEmpty() && roiFors.isEmpty()) {
        warnings.add("the RT Structure Set names no Frame of Reference; assumed to be the CT's");
      }
      if (!rs.referencedSeriesUids().isEmpty() && !rs.referencedSeriesUids().contains(ct.seriesInstanceUid())) {
        warnings.add("the RT Structure Set was drawn on series " + String.join(", ", rs.referencedSeriesUids())
            + ", not the imported CT series (same frame of reference: contours are placed by patient coordinates)");
      }
      return rs;
    }

    private RoiFinding redact(RoiFinding f) {
      return new RoiFinding(f.roiNumber(), redactor.apply(f.roiName()), redactor.apply(f.structure()), f.match(),
          f.interpretedType(), f.contours(), f.contoursUsed(), f.voxelsRasterised(), f.voxelsInLabelMap(),
          f.notes().stream().map(redactor::apply).toList());
    }

    /** The label map with patient identifiers removed from structure names (kept unique). */
    private LabelMap relabelRedacted(LabelMap lm) {
      List<org.twinsim.model.geometry.Structure> s = new ArrayList<>();
      Set<String> names = new LinkedHashSet<>();
      for (var st : lm.structures()) {
        String n = redactor.apply(st.name());
        if (!names.add(n)) {
          n = n + " [" + st.label() + "]";
          names.add(n);
        }
        s.add(new org.twinsim.model.geometry.Structure(st.label(), n, st.priority(), st.parentLabel()));
      }
      return new LabelMap(lm.grid(), s, lm.labels());
    }

    /**
     * The pseudonym: kept as it is for a twinsim export (every file marked with twinsim's
     * De-identification Method, Patient ID = Patient's Name = a valid pseudonym), so that a virtual
     * patient keeps its name across export and import; else derived by {@link Pseudonym#of}.
     */
    private Pseudonym pseudonymOf(Set<String> ids, Set<String> names, Set<String> methods, Set<String> studies) {
      String id = ids.isEmpty() ? "" : ids.iterator().next();
      String name = names.isEmpty() ? "" : names.iterator().next();
      if (id.isEmpty() && name.isEmpty()) {
        // fully anonymised data: all such patients would share one pseudonym; the study tells them apart
        String study = studies.stream().filter(x -> !x.isEmpty()).sorted().findFirst().orElse("");
        warnings.add("no Patient ID or Patient's Name: the pseudonym is derived from the CT's Study Instance UID");
        return Pseudonym.of("StudyInstanceUID:" + study, "", options.pseudonymSalt());
      }
      if (methods.size() == 1 && methods.contains(StudyContext.DEIDENTIFICATION_METHOD) && id.equals(name)) {
        try {
          return new Pseudonym(id);
        } catch (IllegalArgumentException e) {
          // not a pseudonym after all: derive one
        }
      }
      return Pseudonym.of(id, name, options.pseudonymSalt());
    }

    private String list(List<Path> files) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < Math.min(5, files.size()); i++) {
        b.append(i > 0 ? ", " : "").append(rel(files.get(i)));
      }
      return files.size() > 5 ? b + ", ..." : b.toString();
    }

    /** Throws if problems were found. */
    private void fail() throws DicomImportException {
      if (!problems.isEmpty()) {
        throw failure();
      }
    }

    /** The exception reporting all problems found, redacted. */
    private DicomImportException failure() {
      List<String> lines = new ArrayList<>();
      for (Problem p : problems) {
        lines.add(redactor.apply(p.file() == null ? p.message() : rel(p.file()) + ": " + p.message()));
      }
      String head = redactor.apply("DICOM import of " + root + " failed");
      String msg;
      if (lines.size() == 1) {
        msg = head + ": " + lines.get(0);
      } else {
        StringBuilder b = new StringBuilder(head).append(" (").append(lines.size()).append(" problems):");
        for (int i = 0; i < Math.min(MAX_LISTED, lines.size()); i++) {
          b.append("\n  ").append(lines.get(i));
        }
        if (lines.size() > MAX_LISTED) {
          b.append("\n  ... and ").append(lines.size() - MAX_LISTED).append(" more");
        }
        msg = b.toString();
      }
      return new DicomImportException(msg, lines);
    }

    private static final Map<String, String> NAMES = new HashMap<>(Map.of(
        SOPClass.RTDoseStorage, "RT Dose",
        SOPClass.RTPlanStorage, "RT Plan",
        "1.2.840.10008.5.1.4.1.1.481.8", "RT Ion Plan",
        "1.2.840.10008.5.1.4.1.1.66.1", "Spatial Registration",
        "1.2.840.10008.5.1.4.1.1.66.3", "Deformable Spatial Registration",
        "1.2.840.10008.1.3.10", "DICOMDIR",
        "1.2.840.10008.5.1.4.1.1.2.1", "Enhanced CT (multi-frame, not supported)",
        "1.2.840.10008.5.1.4.1.1.481.4", "RT Beams Treatment Record",
        "1.2.840.10008.5.1.4.1.1.481.9", "RT Ion Beams Treatment Record"));

    private static String describe(String sopClass, String modality) {
      String n = NAMES.get(sopClass);
      if (n != null) {
        return n;
      }
      return (modality.isEmpty() ? "object" : modality) + " (SOP Class " + sopClass + ")";
    }
  }
}
