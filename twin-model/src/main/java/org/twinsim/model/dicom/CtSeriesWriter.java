package org.twinsim.model.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SOPClass;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Volume;

/**
 * Writes a HU volume as a CT Image Storage series, one file per axial slice (CT Image IOD,
 * PS3.3 A.3: Patient, General Study, General Series, Frame of Reference, General Equipment,
 * General Image, Image Plane, Image Pixel, CT Image, VOI LUT, SOP Common).
 *
 * <p>Geometry (PS3.3 C.7.6.2): Image Orientation (Patient) 1\0\0\0\1\0 (rows along +x, columns
 * along +y), Image Position (Patient) the centre of the slice's first voxel, Pixel Spacing
 * "row spacing\column spacing" = dy\dx, Rows = ny, Columns = nx, Slice Thickness = dz.
 */
final class CtSeriesWriter {
  private CtSeriesWriter() {
  }

  /**
   * What distinguishes one CT series from another in a study.
   *
   * @param seriesNumber Series Number
   * @param seriesDescription Series Description, e.g. "Planning CT" or "CBCT fraction 3"
   * @param filePrefix file names are {@code prefix_0001.dcm} ...
   * @param frameOfReferenceUid the series' frame of reference
   * @param imageType Image Type values 1 and 2 (value 3 is AXIAL)
   * @param encoding forced HU encoding, or null to {@link HuEncoding#choose choose} one
   * @param transferSyntaxUid transfer syntax of the files
   */
  record Spec(int seriesNumber, String seriesDescription, String filePrefix, String frameOfReferenceUid,
              String[] imageType, HuEncoding encoding, String transferSyntaxUid) {
  }

  /** Writes the series into {@code dir} (which must exist). */
  static ExportedSeries write(Path dir, Volume hu, StudyContext study, Spec spec) throws IOException {
    Grid3 g = hu.grid();
    float[] data = hu.data();
    HuEncoding enc = spec.encoding() != null ? spec.encoding() : HuEncoding.choose(data);
    String seriesUid = study.options().uids().next();
    int nx = g.nx();
    int ny = g.ny();
    List<String> sops = new ArrayList<>(g.nz());
    List<Path> files = new ArrayList<>(g.nz());
    short[] px = new short[nx * ny];
    for (int k = 0; k < g.nz(); k++) {
      String sop = study.options().uids().next();
      AttributeList l = new AttributeList();
      study.putCommon(l, SOPClass.CTImageStorage, sop);
      study.putSeries(l, "CT", seriesUid, spec.seriesNumber(), spec.seriesDescription());
      DicomValues.put(l, Tags.PatientPosition, "HFS");
      DicomValues.put(l, Tags.BodyPartExamined, "PROSTATE");
      // Frame of Reference
      DicomValues.put(l, Tags.FrameOfReferenceUID, spec.frameOfReferenceUid());
      DicomValues.put(l, Tags.PositionReferenceIndicator);
      // General Image + CT Image
      DicomValues.putInt(l, Tags.InstanceNumber, k + 1);
      DicomValues.put(l, Tags.ImageType, spec.imageType()[0], spec.imageType()[1], "AXIAL");
      DicomValues.putInt(l, Tags.AcquisitionNumber, 1);
      DicomValues.put(l, Tags.ContentDate, DicomValues.date(study.options().dateTime()));
      DicomValues.put(l, Tags.ContentTime, DicomValues.time(study.options().dateTime()));
      DicomValues.put(l, Tags.BurnedInAnnotation, "NO");
      DicomValues.put(l, Tags.KVP);
      // Image Plane
      DicomValues.putDs(l, Tags.PixelSpacing, g.spacingYMm(), g.spacingXMm());
      DicomValues.putDs(l, Tags.ImageOrientationPatient, 1, 0, 0, 0, 1, 0);
      DicomValues.putDs(l, Tags.ImagePositionPatient, g.originXMm(), g.originYMm(), g.z(k));
      DicomValues.putDs(l, Tags.SliceThickness, g.spacingZMm());
      DicomValues.putDs(l, Tags.SliceLocation, g.z(k));
      // Image Pixel
      DicomValues.putInt(l, Tags.SamplesPerPixel, 1);
      DicomValues.put(l, Tags.PhotometricInterpretation, "MONOCHROME2");
      DicomValues.putInt(l, Tags.Rows, ny);
      DicomValues.putInt(l, Tags.Columns, nx);
      DicomValues.putInt(l, Tags.BitsAllocated, 16);
      DicomValues.putInt(l, Tags.BitsStored, 16);
      DicomValues.putInt(l, Tags.HighBit, 15);
      DicomValues.putInt(l, Tags.PixelRepresentation, enc.signed() ? 1 : 0);
      DicomValues.putDs(l, Tags.RescaleIntercept, enc.rescaleIntercept());
      DicomValues.putDs(l, Tags.RescaleSlope, enc.rescaleSlope());
      DicomValues.put(l, Tags.RescaleType, "HU");
      DicomValues.putDs(l, Tags.WindowCenter, 40);
      DicomValues.putDs(l, Tags.WindowWidth, 400);
      int off = k * nx * ny;
      for (int i = 0; i < nx * ny; i++) {
        px[i] = (short) enc.encode(data[off + i]);
      }
      try {
        OtherWordAttribute pixels = new OtherWordAttribute(Tags.PixelData);
        pixels.setValues(px.clone());
        l.put(pixels);
      } catch (DicomException e) {
        throw new IOException("cannot encode pixel data of slice " + k + ": " + e.getMessage(), e);
      }
      Path file = dir.resolve(String.format(Locale.ROOT, "%s_%04d.dcm", spec.filePrefix(), k + 1));
      DicomFileWriter.write(l, file, spec.transferSyntaxUid());
      sops.add(sop);
      files.add(file);
    }
    return new ExportedSeries(seriesUid, spec.frameOfReferenceUid(), sops, files, g, enc);
  }
}
