package org.twinsim.model.dicom;

import java.nio.file.Path;
import java.util.List;
import org.twinsim.model.geometry.Grid3;

/**
 * An exported CT Image Storage series (planning CT or CBCT).
 *
 * @param seriesInstanceUid Series Instance UID (0020,000E)
 * @param frameOfReferenceUid Frame of Reference UID (0020,0052)
 * @param sopInstanceUids SOP Instance UID of each slice, slice k of the grid at index k
 * @param files the slice files, slice k at index k
 * @param grid the image grid
 * @param encoding how HU were stored
 */
public record ExportedSeries(String seriesInstanceUid, String frameOfReferenceUid, List<String> sopInstanceUids,
                             List<Path> files, Grid3 grid, HuEncoding encoding) {
  public ExportedSeries {
    sopInstanceUids = List.copyOf(sopInstanceUids);
    files = List.copyOf(files);
  }

  /** The same series with its files under another folder (after the temporary folder was moved). */
  ExportedSeries relocated(Path from, Path to) {
    return new ExportedSeries(seriesInstanceUid, frameOfReferenceUid, sopInstanceUids,
        files.stream().map(f -> to.resolve(from.relativize(f))).toList(), grid, encoding);
  }
}
