package org.twinsim.model.dicom;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises DICOM files and checks that their byte structure is complete, before any parser sees
 * them (PS3.10 7.1 file format, PS3.5 7.1 data elements, 7.5 nesting of sequences).
 *
 * <p>PixelMed's {@code AttributeList.read} returns silently what it could parse from a file cut
 * short (PixelMed 20220618), and may try to allocate gigabytes for a garbage length. So every
 * element is walked here first: each defined value length must fit in the file, each sequence or
 * item of undefined length must be closed by its delimitation item. A file passes only if it ends
 * exactly at an element boundary of the top-level data set.
 */
final class DicomStructure {
  static final String IMPLICIT_LE = "1.2.840.10008.1.2";
  static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
  static final String DEFLATED_LE = "1.2.840.10008.1.2.1.99";
  static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
  private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN",
      "UR", "UT", "UV");
  private static final long UNDEFINED = 0xFFFFFFFFL;
  private static final int MAX_DEPTH = 64;

  private DicomStructure() {
  }

  /** How a file is laid out. */
  enum Layout {
    /** Not DICOM: no "DICM" marker and no plausible data set start. */
    NOT_DICOM,
    /** Part 10 file: 128-byte preamble, "DICM", File Meta Information. */
    PART10,
    /** A bare data set (or meta group) without preamble, as some older systems write. */
    RAW
  }

  /** What {@link #inspect} found. */
  record Result(Layout layout, String transferSyntaxUid, String problem) {
    boolean ok() {
      return layout != Layout.NOT_DICOM && problem == null;
    }
  }

  /**
   * Recognises the file from its first bytes ({@code head}, at least 132 bytes where the file has
   * them).
   */
  static Layout layout(byte[] head, long size) {
    if (size >= 132 && head.length >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M') {
      return Layout.PART10;
    }
    if (head.length < 8) {
      return Layout.NOT_DICOM;
    }
    int group = u16le(head, 0);
    int element = u16le(head, 2);
    // A bare data set starts with the meta group (0002) or, usually, the identifying group (0008),
    // whose first element is small (0005 Specific Character Set, 0008 Image Type, 0012, 0016 ...).
    if ((group == 0x0002 || group == 0x0008) && element <= 0x0100) {
      if (isVr(head[4], head[5])) {
        return Layout.RAW; // explicit VR
      }
      long len = u32le(head, 4);
      if (len < size) {
        return Layout.RAW; // implicit VR with a plausible length
      }
    }
    return Layout.NOT_DICOM;
  }

  /** Recognises and walks a whole file held in memory. */
  static Result inspect(byte[] b) {
    Layout layout = layout(b, b.length);
    if (layout == Layout.NOT_DICOM) {
      return new Result(layout, null, null);
    }
    try {
      int pos = layout == Layout.PART10 ? 132 : 0;
      String ts;
      if (pos + 8 > b.length) {
        return new Result(layout, null, layout == Layout.PART10
            ? "no File Meta Information after the DICM marker: the file ends at byte " + b.length
            : "file of " + b.length + " bytes is too short for a DICOM data set");
      }
      if (u16le(b, pos) == 0x0002) {
        // File Meta Information: always explicit VR little endian (PS3.10 7.1)
        Walker meta = new Walker(b, true, false);
        String[] tsHolder = new String[1];
        pos = meta.walkMeta(pos, tsHolder);
        ts = tsHolder[0];
        if (ts == null) {
          return new Result(layout, null, "File Meta Information has no Transfer Syntax UID (0002,0010)");
        }
      } else if (layout == Layout.PART10) {
        return new Result(layout, null, "no File Meta Information after the DICM marker");
      } else {
        ts = isVr(b[4], b[5]) ? EXPLICIT_LE : IMPLICIT_LE;
      }
      if (DEFLATED_LE.equals(ts)) {
        return new Result(layout, ts, null); // deflated data set: the parser checks it
      }
      boolean explicit = !IMPLICIT_LE.equals(ts);
      boolean bigEndian = EXPLICIT_BE.equals(ts);
      if (pos == b.length) {
        return new Result(layout, ts, "file ends after the File Meta Information: no data set");
      }
      new Walker(b, explicit, bigEndian).walkDataset(pos, 0, false);
      return new Result(layout, ts, null);
    } catch (Truncated e) {
      return new Result(layout, null, e.getMessage());
    } catch (RuntimeException e) {
      return new Result(layout, null, "damaged DICOM structure (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static final class Truncated extends Exception {
    private static final long serialVersionUID = 1L;

    Truncated(String message) {
      super(message, null, false, false);
    }
  }

  private static final class Walker {
    private final byte[] b;
    private final boolean explicit;
    private final boolean bigEndian;
    private String lastVr;

    Walker(byte[] b, boolean explicit, boolean bigEndian) {
      this.b = b;
      this.explicit = explicit;
      this.bigEndian = bigEndian;
    }

    private int u16(int p) {
      return bigEndian ? ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF) : u16le(b, p);
    }

    private long u32(int p) {
      return bigEndian
          ? ((long) (b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF)
          : u32le(b, p);
    }

    int walkMeta(int pos, String[] ts) throws Truncated {
      while (pos < b.length && u16le(b, pos) == 0x0002) {
        int[] header = new int[1];
        long len = elementLength(pos, header, true);
        int start = pos + header[0];
        if (len == UNDEFINED || start + len > b.length) {
          throw new Truncated("file ends inside the File Meta Information (element "
              + tag(u16le(b, pos), u16le(b, pos + 2)) + " at byte " + pos + ")");
        }
        if (u16le(b, pos + 2) == 0x0010) {
          ts[0] = new String(b, start, (int) len, StandardCharsets.US_ASCII).trim().replace("\0", "");
        }
        pos = (int) (start + len);
      }
      return pos;
    }

    /** Length of the element at pos; header[0] receives the header size. Meta elements are explicit LE. */
    private long elementLength(int pos, int[] header, boolean meta) throws Truncated {
      need(pos, 8);
      int group = meta ? u16le(b, pos) : u16(pos);
      if (group == 0xFFFE) {
        header[0] = 8;
        return meta ? u32le(b, pos + 4) : u32(pos + 4);
      }
      lastVr = null;
      if (meta || explicit) {
        String vr = new String(b, pos + 4, 2, StandardCharsets.US_ASCII);
        lastVr = vr;
        if (LONG_VRS.contains(vr)) {
          need(pos, 12);
          header[0] = 12;
          return meta ? u32le(b, pos + 8) : u32(pos + 8);
        }
        header[0] = 8;
        return meta ? u16le(b, pos + 6) : u16(pos + 6);
      }
      header[0] = 8;
      return u32(pos + 4);
    }

    private void need(int pos, int n) throws Truncated {
      if (pos >= b.length) {
        throw new Truncated("file is truncated: it ends at byte " + b.length + " inside a sequence item that is "
            + "never closed");
      }
      if (pos + n > b.length) {
        throw new Truncated("file is truncated: it ends at byte " + b.length + " inside an element header at byte " + pos);
      }
    }

    /** Walks data elements until the end of the file (top level) or an item delimiter (inItem). */
    int walkDataset(int pos, int depth, boolean inUndefinedItem) throws Truncated {
      if (depth > MAX_DEPTH) {
        throw new Truncated("sequences nested deeper than " + MAX_DEPTH + " levels");
      }
      long previous = -1;
      while (pos < b.length || inUndefinedItem) {
        need(pos, 8);
        int group = u16(pos);
        int element = u16(pos + 2);
        if (group == 0xFFFE) {
          if (element == 0xE00D && inUndefinedItem) {
            return pos + 8;
          }
          throw new Truncated("unexpected delimiter " + tag(group, element) + " at byte " + pos);
        }
        long t = ((long) group << 16) | element;
        if (t <= previous) {
          // PS3.5 7.1: data elements ascend by tag; zeros or garbage after the data set show up here
          throw new Truncated("damaged data set: element " + tag(group, element) + " at byte " + pos + " follows "
              + tag((int) (previous >>> 16), (int) (previous & 0xFFFF)) + " (elements out of order, or garbage "
              + "after the data set)");
        }
        previous = t;
        int[] header = new int[1];
        long len = elementLength(pos, header, false);
        int start = pos + header[0];
        if (len == UNDEFINED) {
          // a UN value of undefined length is a sequence encoded in implicit VR (PS3.5 6.2.2)
          Walker inner = "UN".equals(lastVr) ? new Walker(b, false, bigEndian) : this;
          pos = inner.walkSequence(start, depth + 1, group, element);
        } else {
          if (start + len > b.length) {
            throw new Truncated("file is truncated: element " + tag(group, element) + " at byte " + pos
                + " declares " + len + " bytes but only " + (b.length - start) + " remain");
          }
          pos = (int) (start + len);
        }
      }
      return pos;
    }

    /** Walks the items of a sequence (or encapsulated pixel data) of undefined length. */
    private int walkSequence(int pos, int depth, int group, int element) throws Truncated {
      while (true) {
        if (pos + 8 > b.length) {
          throw new Truncated("file is truncated: sequence " + tag(group, element) + " is not closed (file ends at byte "
              + b.length + ")");
        }
        int g = u16(pos);
        int e = u16(pos + 2);
        long len = u32(pos + 4);
        if (g == 0xFFFE && e == 0xE0DD) {
          return pos + 8;
        }
        if (g != 0xFFFE || e != 0xE000) {
          throw new Truncated("damaged sequence " + tag(group, element) + ": expected an item at byte " + pos
              + ", found " + tag(g, e));
        }
        if (len == UNDEFINED) {
          pos = walkDataset(pos + 8, depth, true);
        } else {
          if (pos + 8 + len > b.length) {
            throw new Truncated("file is truncated: an item of sequence " + tag(group, element) + " at byte " + pos
                + " declares " + len + " bytes but only " + (b.length - pos - 8) + " remain");
          }
          pos = (int) (pos + 8 + len);
        }
      }
    }
  }

  static String tag(int group, int element) {
    return String.format(Locale.ROOT, "(%04X,%04X)", group, element);
  }

  private static boolean isVr(byte a, byte c) {
    return a >= 'A' && a <= 'Z' && c >= 'A' && c <= 'Z';
  }

  static int u16le(byte[] b, int p) {
    return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8);
  }

  static long u32le(byte[] b, int p) {
    return (b[p] & 0xFFL) | ((b[p + 1] & 0xFFL) << 8) | ((b[p + 2] & 0xFFL) << 16) | ((b[p + 3] & 0xFFL) << 24);
  }
}
