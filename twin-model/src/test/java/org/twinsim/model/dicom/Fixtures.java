package org.twinsim.model.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.FileMetaInformation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Test fixtures: a phantom export, file surgery with PixelMed, external tools. */
final class Fixtures {
  static final LocalDateTime WHEN = LocalDateTime.of(2026, 1, 2, 3, 4, 5);

  private Fixtures() {
  }

  /** Exports the standard phantom (with dose) into {@code dir}. */
  static ExportedPatient exportPhantom(Path dir, String pseudonym) throws IOException {
    Phantom p = Phantom.create();
    return DicomExport.writePatient(dir, p.hu, p.labels, Phantom.dose(), DoseSummationType.PLAN,
        new Pseudonym(pseudonym), ExportOptions.reproducible("fixture " + pseudonym, WHEN));
  }

  static void copyTree(Path from, Path to) {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  interface Edit {
    void apply(AttributeList l) throws Exception;
  }

  /** Reads a DICOM file with PixelMed, edits it, writes it back in the given transfer syntax. */
  static void modify(Path file, String transferSyntaxUid, Edit edit) throws Exception {
    AttributeList l = new AttributeList();
    l.read(file.toFile());
    edit.apply(l);
    l.removeMetaInformationHeaderAttributes();
    FileMetaInformation.addFileMetaInformation(l, transferSyntaxUid, "TEST");
    l.write(file.toFile(), transferSyntaxUid, true, true);
  }

  static void modify(Path file, Edit edit) throws Exception {
    modify(file, DicomStructure.EXPLICIT_LE, edit);
  }

  static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** Runs an external program; returns exit code and combined output. */
  record Run(int exit, String output) {
  }

  static Run run(List<String> command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + command);
    }
    return new Run(p.exitValue(), new String(out, java.nio.charset.StandardCharsets.UTF_8));
  }

  static boolean executable(String path) {
    return Files.isExecutable(Path.of(path));
  }

  static List<String> cmd(String... parts) {
    return new ArrayList<>(List.of(parts));
  }
}
