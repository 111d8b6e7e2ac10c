package org.twinsim.model.dicom;

import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;

/**
 * The attribute tags this package reads and writes, by their PS3.6 keywords.
 *
 * <p>Resolved through PixelMed's standard dictionary rather than {@code TagFromName}, whose
 * Debian build lacks the RT tags (3004,xxxx), (3006,xxxx), (300A,xxxx). A keyword missing from
 * the dictionary fails at class initialisation, so a typo cannot silently address the wrong tag.
 */
final class Tags {
  private Tags() {
  }

  static AttributeTag of(String keyword) {
    AttributeTag t = DicomDictionary.StandardDictionary.getTagFromName(keyword);
    if (t == null) {
      throw new IllegalStateException("DICOM dictionary has no attribute named " + keyword);
    }
    return t;
  }

  // File meta and SOP common (PS3.3 C.12.1)
  static final AttributeTag TransferSyntaxUID = of("TransferSyntaxUID");
  static final AttributeTag MediaStorageSOPClassUID = of("MediaStorageSOPClassUID");
  static final AttributeTag SpecificCharacterSet = of("SpecificCharacterSet");
  static final AttributeTag SOPClassUID = of("SOPClassUID");
  static final AttributeTag SOPInstanceUID = of("SOPInstanceUID");
  static final AttributeTag InstanceCreationDate = of("InstanceCreationDate");
  static final AttributeTag InstanceCreationTime = of("InstanceCreationTime");
  static final AttributeTag InstanceNumber = of("InstanceNumber");

  // Patient (C.7.1.1)
  static final AttributeTag PatientName = of("PatientName");
  static final AttributeTag PatientID = of("PatientID");
  static final AttributeTag PatientBirthDate = of("PatientBirthDate");
  static final AttributeTag PatientSex = of("PatientSex");
  static final AttributeTag PatientIdentityRemoved = of("PatientIdentityRemoved");
  static final AttributeTag DeidentificationMethod = of("DeidentificationMethod");

  // General Study (C.7.2.1)
  static final AttributeTag StudyInstanceUID = of("StudyInstanceUID");
  static final AttributeTag StudyDate = of("StudyDate");
  static final AttributeTag StudyTime = of("StudyTime");
  static final AttributeTag ReferringPhysicianName = of("ReferringPhysicianName");
  static final AttributeTag StudyID = of("StudyID");
  static final AttributeTag AccessionNumber = of("AccessionNumber");
  static final AttributeTag StudyDescription = of("StudyDescription");

  // General / RT Series (C.7.3.1, C.8.8.1)
  static final AttributeTag Modality = of("Modality");
  static final AttributeTag SeriesInstanceUID = of("SeriesInstanceUID");
  static final AttributeTag SeriesNumber = of("SeriesNumber");
  static final AttributeTag SeriesDate = of("SeriesDate");
  static final AttributeTag SeriesTime = of("SeriesTime");
  static final AttributeTag SeriesDescription = of("SeriesDescription");
  static final AttributeTag PatientPosition = of("PatientPosition");
  static final AttributeTag BodyPartExamined = of("BodyPartExamined");
  static final AttributeTag OperatorsName = of("OperatorsName");

  // Frame of Reference (C.7.4.1)
  static final AttributeTag FrameOfReferenceUID = of("FrameOfReferenceUID");
  static final AttributeTag PositionReferenceIndicator = of("PositionReferenceIndicator");

  // General Equipment (C.7.5.1)
  static final AttributeTag Manufacturer = of("Manufacturer");
  static final AttributeTag ManufacturerModelName = of("ManufacturerModelName");
  static final AttributeTag SoftwareVersions = of("SoftwareVersions");

  // General Image, Image Plane, Image Pixel, CT Image (C.7.6.1, C.7.6.2, C.7.6.3, C.8.2.1)
  static final AttributeTag ImageType = of("ImageType");
  static final AttributeTag AcquisitionNumber = of("AcquisitionNumber");
  static final AttributeTag ContentDate = of("ContentDate");
  static final AttributeTag ContentTime = of("ContentTime");
  static final AttributeTag PatientOrientation = of("PatientOrientation");
  static final AttributeTag BurnedInAnnotation = of("BurnedInAnnotation");
  static final AttributeTag PixelSpacing = of("PixelSpacing");
  static final AttributeTag ImageOrientationPatient = of("ImageOrientationPatient");
  static final AttributeTag ImagePositionPatient = of("ImagePositionPatient");
  static final AttributeTag SliceThickness = of("SliceThickness");
  static final AttributeTag SliceLocation = of("SliceLocation");
  static final AttributeTag SamplesPerPixel = of("SamplesPerPixel");
  static final AttributeTag PhotometricInterpretation = of("PhotometricInterpretation");
  static final AttributeTag Rows = of("Rows");
  static final AttributeTag Columns = of("Columns");
  static final AttributeTag BitsAllocated = of("BitsAllocated");
  static final AttributeTag BitsStored = of("BitsStored");
  static final AttributeTag HighBit = of("HighBit");
  static final AttributeTag PixelRepresentation = of("PixelRepresentation");
  static final AttributeTag PixelPaddingValue = of("PixelPaddingValue");
  static final AttributeTag PixelPaddingRangeLimit = of("PixelPaddingRangeLimit");
  static final AttributeTag PixelData = of("PixelData");
  static final AttributeTag RescaleIntercept = of("RescaleIntercept");
  static final AttributeTag RescaleSlope = of("RescaleSlope");
  static final AttributeTag RescaleType = of("RescaleType");
  static final AttributeTag KVP = of("KVP");
  static final AttributeTag GantryDetectorTilt = of("GantryDetectorTilt");
  static final AttributeTag ConvolutionKernel = of("ConvolutionKernel");
  static final AttributeTag WindowCenter = of("WindowCenter");
  static final AttributeTag WindowWidth = of("WindowWidth");
  static final AttributeTag NumberOfFrames = of("NumberOfFrames");
  static final AttributeTag FrameIncrementPointer = of("FrameIncrementPointer");

  // Structure Set, ROI Contour, RT ROI Observations (C.8.8.5, C.8.8.6, C.8.8.8)
  static final AttributeTag StructureSetLabel = of("StructureSetLabel");
  static final AttributeTag StructureSetName = of("StructureSetName");
  static final AttributeTag StructureSetDate = of("StructureSetDate");
  static final AttributeTag StructureSetTime = of("StructureSetTime");
  static final AttributeTag ReferencedFrameOfReferenceSequence = of("ReferencedFrameOfReferenceSequence");
  static final AttributeTag RTReferencedStudySequence = of("RTReferencedStudySequence");
  static final AttributeTag RTReferencedSeriesSequence = of("RTReferencedSeriesSequence");
  static final AttributeTag ContourImageSequence = of("ContourImageSequence");
  static final AttributeTag ReferencedSOPClassUID = of("ReferencedSOPClassUID");
  static final AttributeTag ReferencedSOPInstanceUID = of("ReferencedSOPInstanceUID");
  static final AttributeTag StructureSetROISequence = of("StructureSetROISequence");
  static final AttributeTag ROINumber = of("ROINumber");
  static final AttributeTag ReferencedFrameOfReferenceUID = of("ReferencedFrameOfReferenceUID");
  static final AttributeTag ROIName = of("ROIName");
  static final AttributeTag ROIGenerationAlgorithm = of("ROIGenerationAlgorithm");
  static final AttributeTag ROIContourSequence = of("ROIContourSequence");
  static final AttributeTag ReferencedROINumber = of("ReferencedROINumber");
  static final AttributeTag ROIDisplayColor = of("ROIDisplayColor");
  static final AttributeTag ContourSequence = of("ContourSequence");
  static final AttributeTag ContourNumber = of("ContourNumber");
  static final AttributeTag ContourGeometricType = of("ContourGeometricType");
  static final AttributeTag NumberOfContourPoints = of("NumberOfContourPoints");
  static final AttributeTag ContourData = of("ContourData");
  static final AttributeTag RTROIObservationsSequence = of("RTROIObservationsSequence");
  static final AttributeTag ObservationNumber = of("ObservationNumber");
  static final AttributeTag RTROIInterpretedType = of("RTROIInterpretedType");
  static final AttributeTag ROIInterpreter = of("ROIInterpreter");
  static final AttributeTag ApprovalStatus = of("ApprovalStatus");

  // RT Dose (C.8.8.3)
  static final AttributeTag DoseUnits = of("DoseUnits");
  static final AttributeTag DoseType = of("DoseType");
  static final AttributeTag DoseComment = of("DoseComment");
  static final AttributeTag DoseSummationType = of("DoseSummationType");
  static final AttributeTag GridFrameOffsetVector = of("GridFrameOffsetVector");
  static final AttributeTag DoseGridScaling = of("DoseGridScaling");
  static final AttributeTag TissueHeterogeneityCorrection = of("TissueHeterogeneityCorrection");
  static final AttributeTag ReferencedRTPlanSequence = of("ReferencedRTPlanSequence");
  static final AttributeTag ReferencedFractionGroupSequence = of("ReferencedFractionGroupSequence");
  static final AttributeTag ReferencedFractionGroupNumber = of("ReferencedFractionGroupNumber");
}
