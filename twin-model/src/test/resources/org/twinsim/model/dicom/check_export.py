"""Reads a twinsim export with pydicom (an independent DICOM reader) and prints what it finds.

Output: one record per line, fields separated by tabs, the first field naming the record:
  ct <ipp x> <y> <z> <iop 6 values> <row spacing> <column spacing> <rows> <columns> <thickness> <frame of ref> <sop> <name> <id>
  hu <value per requested voxel>...
  dose <ipp x y z> <row spacing> <column spacing> <frames> <rows> <columns> <scaling> <units> <type> <summation> <frame of ref>
  doseoffsets <offsets>...
  dosesample <Gy per requested voxel>...
  rtstruct <frame of ref> <referenced series> <number of contour images> <contour image sops joined by ,>
  roi <name> <number of contours> <types joined by ,>
  mask <name> <slice k> <0/1 per voxel of the slice, x fastest>

usage: check_export.py DIR 'i,j,k;i,j,k;...' (HU samples) 'i,j,k;...' (dose samples) 'k1,k2,...' (mask slices)
The CT slices are ordered by Image Position (Patient) z; voxel (i, j) is pixel_array[j, i] (row j, column i).
Masks are rasterised here with the even-odd rule at voxel centres from the RT Structure Set contours.
"""
import os
import sys

import pydicom

root, hu_req, dose_req, mask_slices = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]


def triples(s):
    return [tuple(int(v) for v in t.split(',')) for t in s.split(';') if t]


cts, rs, rd = [], None, None
for name in sorted(os.listdir(root)):
    ds = pydicom.dcmread(os.path.join(root, name))
    if ds.Modality == 'CT':
        cts.append(ds)
    elif ds.Modality == 'RTSTRUCT':
        rs = ds
    elif ds.Modality == 'RTDOSE':
        rd = ds
cts.sort(key=lambda d: float(d.ImagePositionPatient[2]))
lines = []


def emit(*fields):
    lines.append('\t'.join(str(f) for f in fields))


for d in cts:
    emit('ct', *[float(v) for v in d.ImagePositionPatient], *[float(v) for v in d.ImageOrientationPatient],
         *[float(v) for v in d.PixelSpacing], int(d.Rows), int(d.Columns), float(d.SliceThickness),
         d.FrameOfReferenceUID, d.SOPInstanceUID, str(d.PatientName), d.PatientID)
hu = []
for i, j, k in triples(hu_req):
    d = cts[k]
    hu.append(float(d.pixel_array[j, i]) * float(d.RescaleSlope) + float(d.RescaleIntercept))
emit('hu', *hu)

if rd is not None:
    arr = rd.pixel_array  # frames x rows x columns
    emit('dose', *[float(v) for v in rd.ImagePositionPatient], *[float(v) for v in rd.PixelSpacing],
         int(rd.NumberOfFrames), int(rd.Rows), int(rd.Columns), float(rd.DoseGridScaling), rd.DoseUnits,
         rd.DoseType, rd.DoseSummationType, rd.FrameOfReferenceUID)
    emit('doseoffsets', *[float(v) for v in rd.GridFrameOffsetVector])
    emit('dosesample', *[float(arr[k, j, i]) * float(rd.DoseGridScaling) for i, j, k in triples(dose_req)])

if rs is not None:
    names = {int(r.ROINumber): r.ROIName for r in rs.StructureSetROISequence}
    ref = rs.ReferencedFrameOfReferenceSequence[0]
    series = ref.RTReferencedStudySequence[0].RTReferencedSeriesSequence[0]
    images = [c.ReferencedSOPInstanceUID for c in series.ContourImageSequence]
    emit('rtstruct', ref.FrameOfReferenceUID, series.SeriesInstanceUID, len(images), ','.join(images))
    ks = [int(v) for v in mask_slices.split(',') if v]
    ps = [float(v) for v in cts[0].PixelSpacing]
    x0, y0 = float(cts[0].ImagePositionPatient[0]), float(cts[0].ImagePositionPatient[1])
    nx, ny = int(cts[0].Columns), int(cts[0].Rows)
    for rc in rs.ROIContourSequence:
        name = names[int(rc.ReferencedROINumber)]
        contours = list(getattr(rc, 'ContourSequence', []))
        emit('roi', name, len(contours), ','.join(sorted({c.ContourGeometricType for c in contours})))
        for k in ks:
            z = float(cts[k].ImagePositionPatient[2])
            polys = []
            for c in contours:
                pts = [float(v) for v in c.ContourData]
                if abs(pts[2] - z) < 1e-3:
                    polys.append(list(zip(pts[0::3], pts[1::3])))
            bits = []
            for j in range(ny):
                y = y0 + j * ps[0]
                for i in range(nx):
                    x = x0 + i * ps[1]
                    inside = False
                    for poly in polys:
                        n = len(poly)
                        for a in range(n):
                            (xa, ya), (xb, yb) = poly[a], poly[(a + 1) % n]
                            if (ya > y) != (yb > y) and x < xa + (y - ya) * (xb - xa) / (yb - ya):
                                inside = not inside
                    bits.append('1' if inside else '0')
            emit('mask', name, k, ''.join(bits))
print('\n'.join(lines))
