package org.twinsim.model.registration;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.InflaterInputStream;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.VectorField;
import org.twinsim.model.geometry.Volume;

/**
 * MetaImage (.mha, header and raw data in one file; ITK's MetaIO format) for exchanging volumes
 * and vector fields with plastimatch. Axes: identity direction in DICOM patient (LPS) coordinates,
 * which ITK writes as {@code AnatomicalOrientation = RAI}; Offset is the centre of the first voxel.
 * Vector fields are 3 interleaved float channels (x, y, z, mm). Reading accepts MET_FLOAT,
 * MET_DOUBLE, MET_SHORT, MET_USHORT, MET_UCHAR, MET_CHAR, MET_INT, little endian, optionally zlib
 * compressed; it rejects a non-identity TransformMatrix.
 */
final class MetaImage {
  private MetaImage() {
  }

  /** A parsed image: grid, channels and values as doubles (channel-interleaved). */
  record Data(Grid3 grid, int channels, double[] values) {
  }

  static void writeVolume(Path file, Volume v) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4 * v.data().length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v.data()) {
      b.putFloat(f);
    }
    write(file, v.grid(), 1, "MET_FLOAT", b.array());
  }

  static void writeField(Path file, VectorField f) throws IOException {
    int n = f.grid().size();
    ByteBuffer b = ByteBuffer.allocate(12 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      b.putFloat(f.ux()[i]).putFloat(f.uy()[i]).putFloat(f.uz()[i]);
    }
    write(file, f.grid(), 3, "MET_FLOAT", b.array());
  }

  static void writeLabels(Path file, Grid3 g, byte[] labels) throws IOException {
    write(file, g, 1, "MET_UCHAR", labels.clone());
  }

  private static void write(Path file, Grid3 g, int channels, String type, byte[] raw) throws IOException {
    String header = String.format(Locale.ROOT, "ObjectType = Image%nNDims = 3%nBinaryData = True%n"
            + "BinaryDataByteOrderMSB = False%nCompressedData = False%nTransformMatrix = 1 0 0 0 1 0 0 0 1%n"
            + "Offset = %s %s %s%nCenterOfRotation = 0 0 0%nAnatomicalOrientation = RAI%n"
            + "ElementSpacing = %s %s %s%nDimSize = %d %d %d%n%sElementType = %s%nElementDataFile = LOCAL%n",
        num(g.originXMm()), num(g.originYMm()), num(g.originZMm()), num(g.spacingXMm()), num(g.spacingYMm()),
        num(g.spacingZMm()), g.nx(), g.ny(), g.nz(),
        channels == 1 ? "" : "ElementNumberOfChannels = " + channels + System.lineSeparator(), type);
    Path tmp = file.resolveSibling(file.getFileName() + ".part");
    try (OutputStream o = Files.newOutputStream(tmp)) {
      o.write(header.getBytes(StandardCharsets.US_ASCII));
      o.write(raw);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String num(double v) {
    return Double.toString(v);
  }

  static Data read(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    Map<String, String> h = new LinkedHashMap<>();
    int pos = 0;
    while (true) {
      int eol = pos;
      while (eol < all.length && all[eol] != '\n') {
        eol++;
      }
      if (eol >= all.length) {
        throw new IOException(file + ": header has no ElementDataFile line");
      }
      String line = new String(all, pos, eol - pos, StandardCharsets.US_ASCII).trim();
      pos = eol + 1;
      int eq = line.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = line.substring(0, eq).trim();
      String val = line.substring(eq + 1).trim();
      h.put(key, val);
      if (key.equals("ElementDataFile")) {
        if (!val.equals("LOCAL")) {
          throw new IOException(file + ": only ElementDataFile = LOCAL is supported, got " + val);
        }
        break;
      }
    }
    int[] dim = ints(h, "DimSize", file);
    double[] sp = doubles(h, "ElementSpacing", file);
    double[] off = h.containsKey("Offset") ? doubles(h, "Offset", file)
        : (h.containsKey("Origin") ? doubles(h, "Origin", file) : new double[3]);
    if (h.containsKey("TransformMatrix")) {
      double[] m = doubles(h, "TransformMatrix", file);
      double[] id = {1, 0, 0, 0, 1, 0, 0, 0, 1};
      for (int i = 0; i < 9; i++) {
        if (Math.abs(m[i] - id[i]) > 1e-6) {
          throw new IOException(file + ": only an identity TransformMatrix is supported, got " + h.get("TransformMatrix"));
        }
      }
    }
    if ("True".equalsIgnoreCase(h.getOrDefault("BinaryDataByteOrderMSB", h.getOrDefault("ElementByteOrderMSB", "False")))) {
      throw new IOException(file + ": big-endian data is not supported");
    }
    int channels = Integer.parseInt(h.getOrDefault("ElementNumberOfChannels", "1"));
    String type = h.get("ElementType");
    Grid3 g = new Grid3(dim[0], dim[1], dim[2], sp[0], sp[1], sp[2], off[0], off[1], off[2]);
    int count = g.size() * channels;
    byte[] raw;
    if ("True".equalsIgnoreCase(h.getOrDefault("CompressedData", "False"))) {
      try (InputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(all, pos, all.length - pos))) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        in.transferTo(o);
        raw = o.toByteArray();
      }
      pos = 0;
    } else {
      raw = all;
    }
    ByteBuffer b = ByteBuffer.wrap(raw, pos, raw.length - pos).order(ByteOrder.LITTLE_ENDIAN);
    double[] v = new double[count];
    int bytes = switch (type) {
      case "MET_FLOAT", "MET_INT" -> 4;
      case "MET_DOUBLE" -> 8;
      case "MET_SHORT", "MET_USHORT" -> 2;
      case "MET_UCHAR", "MET_CHAR" -> 1;
      default -> throw new IOException(file + ": unsupported ElementType " + type);
    };
    if (b.remaining() < (long) count * bytes) {
      throw new IOException(file + ": expected " + (long) count * bytes + " data bytes, found " + b.remaining());
    }
    for (int i = 0; i < count; i++) {
      v[i] = switch (type) {
        case "MET_FLOAT" -> b.getFloat();
        case "MET_DOUBLE" -> b.getDouble();
        case "MET_INT" -> b.getInt();
        case "MET_SHORT" -> b.getShort();
        case "MET_USHORT" -> b.getShort() & 0xFFFF;
        case "MET_UCHAR" -> b.get() & 0xFF;
        default -> b.get();
      };
    }
    return new Data(g, channels, v);
  }

  static Volume readVolume(Path file) throws IOException {
    Data d = read(file);
    if (d.channels() != 1) {
      throw new IOException(file + ": expected a scalar image, found " + d.channels() + " channels");
    }
    float[] f = new float[d.values().length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) d.values()[i];
    }
    return new Volume(d.grid(), f);
  }

  static VectorField readField(Path file) throws IOException {
    Data d = read(file);
    if (d.channels() != 3) {
      throw new IOException(file + ": expected a 3-channel vector field, found " + d.channels() + " channels");
    }
    int n = d.grid().size();
    VectorField f = new VectorField(d.grid());
    for (int i = 0; i < n; i++) {
      f.ux()[i] = (float) d.values()[3 * i];
      f.uy()[i] = (float) d.values()[3 * i + 1];
      f.uz()[i] = (float) d.values()[3 * i + 2];
    }
    return f;
  }

  static byte[] readLabels(Path file) throws IOException {
    Data d = read(file);
    byte[] b = new byte[d.values().length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (int) d.values()[i];
    }
    return b;
  }

  private static int[] ints(Map<String, String> h, String key, Path file) throws IOException {
    double[] d = doubles(h, key, file);
    int[] r = new int[d.length];
    for (int i = 0; i < d.length; i++) {
      r[i] = (int) d[i];
    }
    return r;
  }

  private static double[] doubles(Map<String, String> h, String key, Path file) throws IOException {
    String v = h.get(key);
    if (v == null) {
      throw new IOException(file + ": header lacks " + key);
    }
    String[] t = v.trim().split("\\s+");
    double[] d = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      d[i] = Double.parseDouble(t[i]);
    }
    return d;
  }
}
