package org.twinsim.model.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.TransferSyntax;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Writes one attribute list as a DICOM Part 10 file (PS3.10 7.1: preamble, "DICM", File Meta
 * Information, data set).
 *
 * <p>Explicit VR Little Endian is used unless a value is too long for the 16-bit length field that
 * explicit VR gives most VRs (PS3.5 7.1.2): a long ContourData (DS) of a body outline can exceed
 * 65534 bytes. Such a data set is written in Implicit VR Little Endian (32-bit lengths), the
 * default transfer syntax every reader supports.
 */
final class DicomFileWriter {
  static final String SOURCE_AE = "TWINSIM";
  private static final Set<String> LONG_LENGTH_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV",
      "UC", "UN", "UR", "UT", "UV");

  static {
    PixelMedSetup.init();
  }

  private DicomFileWriter() {
  }

  /**
   * Writes {@code list} (File Meta Information added here) to {@code file}.
   *
   * @param transferSyntaxUid preferred transfer syntax (explicit or implicit VR little endian)
   * @return the transfer syntax actually used
   */
  static String write(AttributeList list, Path file, String transferSyntaxUid) throws IOException {
    String ts = transferSyntaxUid;
    if (TransferSyntax.ExplicitVRLittleEndian.equals(ts) && needsLongLengths(list)) {
      ts = TransferSyntax.ImplicitVRLittleEndian;
    }
    try {
      list.removeMetaInformationHeaderAttributes();
      FileMetaInformation.addFileMetaInformation(list, ts, SOURCE_AE);
      list.write(file.toFile(), ts, true, true);
    } catch (DicomException e) {
      throw new IOException("cannot write DICOM file " + file + ": " + e.getMessage(), e);
    }
    return ts;
  }

  /** Whether any value (also inside sequences) is longer than explicit VR's 16-bit length allows. */
  static boolean needsLongLengths(AttributeList list) {
    for (Attribute a : list.values()) {
      if (a instanceof SequenceAttribute s) {
        for (int i = 0; i < s.getNumberOfItems(); i++) {
          SequenceItem item = s.getItem(i);
          if (needsLongLengths(item.getAttributeList())) {
            return true;
          }
        }
      } else if (!LONG_LENGTH_VRS.contains(a.getVRAsString()) && a.getPaddedVL() > 0xFFFE) {
        return true;
      }
    }
    return false;
  }
}
