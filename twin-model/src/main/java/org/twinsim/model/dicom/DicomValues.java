package org.twinsim.model.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Small helpers to put and get attribute values with the VR of the standard dictionary, and the
 * encodings of PS3.5 6.2 (DS: at most 16 characters; IS: at most 12; DA: YYYYMMDD; TM: HHMMSS).
 */
final class DicomValues {
  private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
  private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT);

  private DicomValues() {
  }

  /** Puts a string attribute with the given values; no value gives a zero-length (type 2) attribute. */
  static void put(AttributeList list, AttributeTag tag, String... values) {
    try {
      Attribute a = AttributeFactory.newAttribute(tag);
      for (String v : values) {
        a.addValue(v);
      }
      list.put(a);
    } catch (DicomException e) {
      throw new IllegalStateException("cannot set " + name(tag) + ": " + e.getMessage(), e);
    }
  }

  /** Puts a decimal string (DS) attribute; each value formatted by {@link #ds(double)}. */
  static void putDs(AttributeList list, AttributeTag tag, double... values) {
    String[] s = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      s[i] = ds(values[i]);
    }
    putDsStrings(list, tag, s);
  }

  /**
   * Puts a DS attribute from already formatted values. PixelMed's {@code addValue} copies the
   * value array on every call (quadratic in the number of values); a long list (Contour Data of
   * thousands of values) is instead parsed in one go from its encoded form "v1\v2\...".
   */
  static void putDsStrings(AttributeList list, AttributeTag tag, String[] values) {
    if (values.length <= 64) {
      put(list, tag, values);
      return;
    }
    StringBuilder b = new StringBuilder(values.length * 10);
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append('\\');
      }
      b.append(values[i]);
    }
    if (b.length() % 2 != 0) {
      b.append(' '); // values are padded to an even length (PS3.5 7.1.1)
    }
    byte[] bytes = b.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    try {
      com.pixelmed.dicom.DicomInputStream in = new com.pixelmed.dicom.DicomInputStream(
          new java.io.ByteArrayInputStream(bytes), com.pixelmed.dicom.TransferSyntax.ExplicitVRLittleEndian, false);
      list.put(new com.pixelmed.dicom.DecimalStringAttribute(tag, (long) bytes.length, in));
    } catch (java.io.IOException | DicomException e) {
      throw new IllegalStateException("cannot set " + name(tag) + ": " + e.getMessage(), e);
    }
  }

  /** Puts an integer attribute (US, SS, IS, UL, SL) with the given values. */
  static void putInt(AttributeList list, AttributeTag tag, long... values) {
    String[] s = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      s[i] = Long.toString(values[i]);
    }
    put(list, tag, s);
  }

  /** Puts an attribute tag (AT) attribute. */
  static void putTag(AttributeList list, AttributeTag tag, AttributeTag value) {
    try {
      AttributeTagAttribute a = new AttributeTagAttribute(tag);
      a.addValue(value);
      list.put(a);
    } catch (DicomException e) {
      throw new IllegalStateException("cannot set " + name(tag) + ": " + e.getMessage(), e);
    }
  }

  /** Puts an empty sequence and returns it. */
  static SequenceAttribute putSequence(AttributeList list, AttributeTag tag) {
    SequenceAttribute s = new SequenceAttribute(tag);
    list.put(s);
    return s;
  }

  /** Adds a new item to a sequence and returns its (empty) attribute list. */
  static AttributeList addItem(SequenceAttribute sequence) {
    AttributeList item = new AttributeList();
    sequence.addItem(item);
    return item;
  }

  static String date(LocalDateTime t) {
    return DA.format(t);
  }

  static String time(LocalDateTime t) {
    return TM.format(t);
  }

  /**
   * A decimal string of at most 16 characters (PS3.5 Table 6.2-1, VR DS) that parses back to the
   * closest representable value: the shortest plain form when it fits, else rounded to as many
   * significant digits as fit (plain or exponent form).
   */
  static String ds(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("decimal string value must be finite, got " + v);
    }
    if (v == 0) {
      return "0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    String plain = exact.toPlainString();
    if (plain.length() <= 16) {
      return plain;
    }
    for (int digits = 16; digits >= 1; digits--) {
      BigDecimal r = exact.round(new MathContext(digits)).stripTrailingZeros();
      String p = r.toPlainString();
      if (p.length() <= 16) {
        return p;
      }
      String e = r.toString().replace("E+", "E");
      if (e.length() <= 16) {
        return e;
      }
    }
    throw new IllegalArgumentException("cannot encode " + v + " as a DICOM decimal string");
  }

  /** The value a DS string written by {@link #ds(double)} is read back as. */
  static double dsRoundTrip(double v) {
    return Double.parseDouble(ds(v));
  }

  // ---- reading ----

  static String string(AttributeList list, AttributeTag tag) {
    String s = Attribute.getSingleStringValueOrNull(list, tag);
    return s == null ? null : s.trim();
  }

  static String stringOrEmpty(AttributeList list, AttributeTag tag) {
    String s = string(list, tag);
    return s == null ? "" : s;
  }

  /** All values as doubles, or null when absent or empty. */
  static double[] doubles(AttributeList list, AttributeTag tag) throws DicomException {
    Attribute a = list.get(tag);
    if (a == null || a.getVM() == 0) {
      return null;
    }
    return a.getDoubleValues();
  }

  /** The single integer value, or {@code dflt} when absent or empty. */
  static int intOr(AttributeList list, AttributeTag tag, int dflt) {
    Attribute a = list.get(tag);
    if (a == null || a.getVM() == 0) {
      return dflt;
    }
    return a.getSingleIntegerValueOrDefault(dflt);
  }

  static SequenceAttribute sequence(AttributeList list, AttributeTag tag) {
    Attribute a = list.get(tag);
    return a instanceof SequenceAttribute s ? s : null;
  }

  /** The PS3.6 keyword of a tag, e.g. "ImagePositionPatient", or its (gggg,eeee) form. */
  static String name(AttributeTag tag) {
    String n = com.pixelmed.dicom.DicomDictionary.StandardDictionary.getNameFromTag(tag);
    return n != null ? n : tag.toString();
  }
}
