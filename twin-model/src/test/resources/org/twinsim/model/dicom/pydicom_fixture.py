"""Writes a small CT series and RT Structure Set with pydicom, independently of twinsim's writer.

usage: pydicom_fixture.py DIR
CT: 24 columns (x, 1.5 mm) x 20 rows (y, 1.25 mm) x 10 slices (z, 2.5 mm), first voxel centre at
(-17.25, -12.5, -10.0) mm; stored value s(i,j,k) = ((31 i + 17 j + 7 k) mod 4000) - 2000, signed 16 bit,
Rescale Slope 0.5, Intercept -1000, so HU = 0.5 s - 1000. Implicit VR little endian; odd file names in
nested folders, written in a shuffled order; two slices as bare data sets (no preamble, no meta).
Patient's Name Doe^Jane, Patient ID MRN-12345678.
RT Structure Set (same frame of reference), ROIs given as axis-aligned rectangles, see ROIS below.
"""
import os
import sys

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ImplicitVRLittleEndian, generate_uid

root = sys.argv[1]
NX, NY, NZ = 24, 20, 10
DX, DY, DZ = 1.5, 1.25, 2.5
X0, Y0, Z0 = -17.25, -12.5, -10.0
CT_CLASS = '1.2.840.10008.5.1.4.1.1.2'
RS_CLASS = '1.2.840.10008.5.1.4.1.1.481.3'
study, series, frame = generate_uid(), generate_uid(), generate_uid()
# name, interpreted type, geometric type, slices, list of rectangles (x0, x1, y0, y1) per slice
ROIS = [
    ('External', 'EXTERNAL', 'CLOSED_PLANAR', range(0, 10), [(-15.0, 15.0, -9.9, 9.9)]),
    ('CTV_Prostate', 'CTV', 'CLOSED_PLANAR', range(3, 7), [(-4.1, 4.1, -3.3, 3.3)]),
    ('Femoral Head Left', 'ORGAN', 'CLOSED_PLANAR', range(2, 6), [(5.2, 10.1, -2.4, 2.6)]),
    ('Femoral Head Left', 'ORGAN', 'CLOSED_PLANAR', range(4, 5), [(6.9, 8.4, -0.7, 0.9)]),  # a hole on slice 4
    ('PTV_7800', 'PTV', 'CLOSED_PLANAR', range(3, 7), [(-6.0, 5.0, -5.1, 5.1)]),
    ('Marker', 'MARKER', 'POINT', range(5, 6), []),
]


def base(sop_class, sop):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = sop
    meta.TransferSyntaxUID = ImplicitVRLittleEndian
    ds = FileDataset(None, {}, file_meta=meta, preamble=b'\0' * 128)
    ds.is_little_endian, ds.is_implicit_VR = True, True
    ds.SOPClassUID, ds.SOPInstanceUID = sop_class, sop
    ds.PatientName, ds.PatientID = 'Doe^Jane', 'MRN-12345678'
    ds.StudyInstanceUID, ds.FrameOfReferenceUID = study, frame
    return ds


slice_sops = [generate_uid() for _ in range(NZ)]
order = [7, 2, 9, 0, 5, 3, 8, 1, 6, 4]  # shuffled
for n, k in enumerate(order):
    ds = base(CT_CLASS, slice_sops[k])
    ds.Modality, ds.SeriesInstanceUID, ds.SeriesDescription = 'CT', series, 'pydicom fixture'
    ds.ImageType = ['ORIGINAL', 'PRIMARY', 'AXIAL']
    ds.ImagePositionPatient = [X0, Y0, Z0 + k * DZ]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.PixelSpacing = [DY, DX]
    ds.SliceThickness = DZ
    ds.Rows, ds.Columns = NY, NX
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, 'MONOCHROME2'
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
    ds.RescaleSlope, ds.RescaleIntercept = 0.5, -1000
    j, i = np.mgrid[0:NY, 0:NX]
    stored = ((31 * i + 17 * j + 7 * k) % 4000) - 2000
    ds.PixelData = stored.astype('<i2').tobytes()
    folder = os.path.join(root, 'export' if k % 2 else 'export/sub dir')
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, 'IMG%03d' % (97 - 11 * n) + ('.dcm' if n % 3 else ''))
    if k in (2, 5):  # bare data set, as old systems write
        ds.file_meta = FileMetaDataset()
        ds.preamble = None
        pydicom.dcmwrite(path, ds, write_like_original=True)
    else:
        pydicom.dcmwrite(path, ds, write_like_original=False)

rs = base(RS_CLASS, generate_uid())
rs.Modality, rs.SeriesInstanceUID, rs.StructureSetLabel = 'RTSTRUCT', generate_uid(), 'pydicom'
ref = Dataset()
ref.FrameOfReferenceUID = frame
st = Dataset()
st.ReferencedSOPClassUID, st.ReferencedSOPInstanceUID = '1.2.840.10008.3.1.2.3.1', study
se = Dataset()
se.SeriesInstanceUID = series
se.ContourImageSequence = Sequence([Dataset() for _ in range(NZ)])
for k, item in enumerate(se.ContourImageSequence):
    item.ReferencedSOPClassUID, item.ReferencedSOPInstanceUID = CT_CLASS, slice_sops[k]
st.RTReferencedSeriesSequence = Sequence([se])
ref.RTReferencedStudySequence = Sequence([st])
rs.ReferencedFrameOfReferenceSequence = Sequence([ref])
numbers = {}
ssroi, contours, obs = [], {}, []
for name, kind, geometry, slices, rects in ROIS:
    if name not in numbers:
        numbers[name] = len(numbers) + 1
        r = Dataset()
        r.ROINumber, r.ReferencedFrameOfReferenceUID, r.ROIName = numbers[name], frame, name
        r.ROIGenerationAlgorithm = 'MANUAL'
        ssroi.append(r)
        o = Dataset()
        o.ObservationNumber, o.ReferencedROINumber, o.RTROIInterpretedType = numbers[name], numbers[name], kind
        o.ROIInterpreter = ''
        obs.append(o)
        contours[name] = []
    for k in slices:
        z = Z0 + k * DZ
        c = Dataset()
        c.ContourGeometricType = geometry
        if geometry == 'POINT':
            c.NumberOfContourPoints, c.ContourData = 1, [0.0, 0.0, z]
        else:
            x0, x1, y0, y1 = rects[0]
            c.NumberOfContourPoints = 4
            c.ContourData = [x0, y0, z, x1, y0, z, x1, y1, z, x0, y1, z]
        contours[name].append(c)
rs.StructureSetROISequence = Sequence(ssroi)
rcs = []
for name, cs in contours.items():
    rc = Dataset()
    rc.ReferencedROINumber = numbers[name]
    rc.ContourSequence = Sequence(cs)
    rcs.append(rc)
rs.ROIContourSequence = Sequence(rcs)
rs.RTROIObservationsSequence = Sequence(obs)
pydicom.dcmwrite(os.path.join(root, 'export', 'RS.Doe_Jane.dcm'), rs, write_like_original=False)
print(study)
