package org.twinsim.reports.chart;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A minimal PNG encoder for opaque RGB images (PNG specification, ISO/IEC 15948:2004): 8-bit
 * truecolour, every scanline with the "Up" filter, zlib deflate at a medium level. About five times
 * faster than ImageIO's writer, which tries every filter on every line in Java, for the same size on
 * plots (large flat areas).
 */
final class PngEncoder {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private PngEncoder() {
  }

  /** The image as PNG bytes (alpha, if any, is dropped). */
  static byte[] encode(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    try {
      ByteArrayOutputStream raw = new ByteArrayOutputStream(w * h / 4);
      Deflater deflater = new Deflater(5);
      try (DeflaterOutputStream z = new DeflaterOutputStream(raw, deflater, 1 << 16)) {
        int[] row = new int[w];
        byte[] prev = new byte[3 * w];
        byte[] cur = new byte[3 * w];
        byte[] line = new byte[3 * w + 1];
        line[0] = 2;   // filter type Up
        int[] data = img.getType() == BufferedImage.TYPE_INT_RGB
            ? ((DataBufferInt) img.getRaster().getDataBuffer()).getData() : null;
        for (int y = 0; y < h; y++) {
          if (data != null) {
            System.arraycopy(data, y * w, row, 0, w);
          } else {
            img.getRGB(0, y, w, 1, row, 0, w);
          }
          for (int x = 0, i = 0; x < w; x++) {
            int p = row[x];
            cur[i++] = (byte) (p >> 16);
            cur[i++] = (byte) (p >> 8);
            cur[i++] = (byte) p;
          }
          for (int i = 0; i < cur.length; i++) {
            line[i + 1] = (byte) (cur[i] - prev[i]);
          }
          z.write(line);
          byte[] t = prev;
          prev = cur;
          cur = t;
        }
      } finally {
        deflater.end();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(raw.size() + 64);
      DataOutputStream d = new DataOutputStream(out);
      d.write(SIGNATURE);
      ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
      DataOutputStream hd = new DataOutputStream(ihdr);
      hd.writeInt(w);
      hd.writeInt(h);
      hd.writeByte(8);   // bit depth
      hd.writeByte(2);   // colour type: truecolour
      hd.writeByte(0);   // deflate
      hd.writeByte(0);   // adaptive filtering (per-line filter byte)
      hd.writeByte(0);   // no interlace
      chunk(d, "IHDR", ihdr.toByteArray());
      chunk(d, "IDAT", raw.toByteArray());
      chunk(d, "IEND", new byte[0]);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void chunk(DataOutputStream d, String type, byte[] data) throws IOException {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    d.writeInt(data.length);
    d.write(t);
    d.write(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    d.writeInt((int) crc.getValue());
  }
}
