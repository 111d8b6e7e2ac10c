package org.twinsim.model.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads one file: recognises DICOM, checks its byte structure ({@link DicomStructure}), then
 * parses it with PixelMed. Never throws: every outcome is a {@link Read}.
 */
final class DicomFileReader {
  /** Native (uncompressed) transfer syntaxes, whose pixel data PixelMed hands over as words. */
  static final Set<String> NATIVE = Set.of(DicomStructure.IMPLICIT_LE, DicomStructure.EXPLICIT_LE,
      DicomStructure.EXPLICIT_BE, DicomStructure.DEFLATED_LE);
  private static final long MAX_BYTES = Integer.MAX_VALUE - 64;

  static {
    PixelMedSetup.init();
  }

  private DicomFileReader() {
  }

  /**
   * The outcome for one file.
   *
   * @param file the file
   * @param dicom whether it is DICOM (false: skip it)
   * @param transferSyntaxUid its transfer syntax, when known
   * @param list the parsed attributes (without Pixel Data when compressed), or null on a problem
   * @param problem what is wrong with a DICOM file, or null
   */
  record Read(Path file, boolean dicom, String transferSyntaxUid, AttributeList list, String problem) {
    boolean compressed() {
      return transferSyntaxUid != null && !NATIVE.contains(transferSyntaxUid);
    }
  }

  static Read read(Path file) {
    try {
      return readChecked(file);
    } catch (RuntimeException | StackOverflowError e) {
      return new Read(file, true, null, null, "damaged DICOM file (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Read readChecked(Path file) {
    long size;
    byte[] head = new byte[132];
    int got;
    try {
      size = Files.size(file);
      if (size == 0) {
        return new Read(file, true, null, null, "empty file (0 bytes): an interrupted copy?");
      }
      try (InputStream in = Files.newInputStream(file)) {
        got = in.readNBytes(head, 0, head.length);
      }
    } catch (IOException e) {
      return new Read(file, true, null, null, "cannot read: " + e.getMessage());
    }
    byte[] h = got == head.length ? head : java.util.Arrays.copyOf(head, got);
    if (DicomStructure.layout(h, size) == DicomStructure.Layout.NOT_DICOM) {
      return new Read(file, false, null, null, null);
    }
    if (size > MAX_BYTES) {
      return new Read(file, true, null, null, "file of " + size + " bytes is too large to import");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return new Read(file, true, null, null, "cannot read: " + e.getMessage());
    }
    DicomStructure.Result r = DicomStructure.inspect(bytes);
    if (!r.ok()) {
      return new Read(file, true, r.transferSyntaxUid(), null,
          r.problem() != null ? r.problem() : "not a readable DICOM file");
    }
    String ts = r.transferSyntaxUid();
    try {
      AttributeList list = new AttributeList();
      DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(bytes));
      if (NATIVE.contains(ts)) {
        list.read(in);
      } else {
        list.read(in, Tags.PixelData); // compressed: header only; CT images are refused later
      }
      return new Read(file, true, ts, list, null);
    } catch (Exception | StackOverflowError e) {
      // DicomException, IOException, and runtime errors of the parser on malformed values
      String m = e.getMessage();
      return new Read(file, true, ts, null, "damaged DICOM file: " + e.getClass().getSimpleName()
          + (m == null ? "" : ": " + firstLine(m)));
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
