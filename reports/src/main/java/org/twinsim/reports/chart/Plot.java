package org.twinsim.reports.chart;

/**
 * One rendered plot of the report.
 *
 * @param id file stem, unique within a report (e.g. {@code dose-ctv_d98_pct-base})
 * @param title what it shows (also drawn in the image)
 * @param caption how to read it (plain text)
 * @param png PNG bytes, rendered at 2x the nominal size
 * @param svg SVG document bytes
 * @param width nominal width, px (the PNG is twice as wide)
 * @param height nominal height, px
 */
public record Plot(String id, String title, String caption, byte[] png, byte[] svg, int width, int height) {
}
