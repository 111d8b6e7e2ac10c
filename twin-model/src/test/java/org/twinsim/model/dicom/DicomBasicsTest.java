package org.twinsim.model.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** UIDs, pseudonyms, decimal strings, HU encodings and ROI name synonyms. */
class DicomBasicsTest {

  /** PS3.5 Annex B.2 gives this UUID and its UID as the example of the 2.25 root. */
  @Test
  void uuidUidMatchesTheStandardsExample() {
    assertEquals("2.25.329800735698586629295641978511506172918",
        DicomUids.of(UUID.fromString("f81d4fae-7dec-11d0-a765-00a0c91e6bf6")));
  }

  @Test
  void generatedUidsAreValidUniqueAndReproducibleWhenDerived() {
    DicomUids r = DicomUids.random();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String u = r.next();
      assertTrue(DicomUids.isValid(u) && u.startsWith("2.25.") && u.length() <= 44, u);
      assertTrue(new BigInteger(u.substring(5)).bitLength() <= 128);
      assertTrue(seen.add(u));
    }
    DicomUids a = DicomUids.derived("patient 7");
    DicomUids b = DicomUids.derived("patient 7");
    for (int i = 0; i < 10; i++) {
      assertEquals(a.next(), b.next());
    }
    assertNotEquals(DicomUids.derived("patient 7").next(), DicomUids.derived("patient 8").next());
    assertFalse(DicomUids.isValid("1.02.3"));
    assertFalse(DicomUids.isValid("1..2"));
  }

  /** Expected values from Python's hashlib: sha256(b"twinsim-pseudonym-v1\nMRN-12345678\nDoe^Jane"). */
  @Test
  void pseudonymIsSaltedSha256() {
    assertEquals("TS-43f8f68ab1", Pseudonym.of("MRN-12345678", "Doe^Jane").value());
    assertEquals("TS-43f8f68ab1", Pseudonym.of(" MRN-12345678 ", "Doe^Jane ").value(), "values are trimmed");
    assertEquals("TS-efb756559d", Pseudonym.of(null, null).value());
    assertNotEquals(Pseudonym.of("MRN-12345678", "Doe^Jane").value(), Pseudonym.of("MRN-12345678", "Doe^Jane", "site").value());
    assertThrows(IllegalArgumentException.class, () -> new Pseudonym("Doe^Jane"));
    assertThrows(IllegalArgumentException.class, () -> new Pseudonym(""));
    assertEquals("VP-0001", new Pseudonym("VP-0001").value());
  }

  @Test
  void redactorReplacesIdsNamesAndNameWords() {
    Redactor r = Redactor.of(List.of("MRN-12345678"), List.of("Doe^Jane^^Dr"), "TS-1");
    assertEquals("TS-1_TS-1/CT.TS-1.1.dcm", r.apply("DOE_jane/CT.MRN-12345678.1.dcm"));
    assertEquals("Janet and Doerte stay", r.apply("Janet and Doerte stay"), "only whole words");
    assertTrue(r.leaks("x/doe/y"));
    assertFalse(r.leaks("dose"));
  }

  @Test
  void decimalStringsFitSixteenCharactersAndParseBack() {
    double[] vs = {0, 1, -1024, 2.5, -249.51171875, 1.0 / 3, -2.0 / 3, 123456789.123456, 1e-20, -3.0e-7, 6.02e23,
        0.9765625, 499.51171875, -0.0001};
    for (double v : vs) {
      String s = DicomValues.ds(v);
      assertTrue(s.length() <= 16 && s.matches("[+-]?[0-9.]+([Ee][+-]?[0-9]+)?"), s);
      double back = Double.parseDouble(s);
      assertEquals(v, back, Math.abs(v) * 1e-13, s);
    }
    assertEquals("-249.51171875", DicomValues.ds(-249.51171875));
    assertEquals("2.5", DicomValues.ds(2.5));
    assertEquals("-1024", DicomValues.ds(-1024));
    assertThrows(IllegalArgumentException.class, () -> DicomValues.ds(Double.NaN));
  }

  @Test
  void longDecimalStringListsAreStoredValueForValue() throws Exception {
    com.pixelmed.dicom.AttributeList l = new com.pixelmed.dicom.AttributeList();
    double[] v = new double[5001];
    for (int i = 0; i < v.length; i++) {
      v[i] = -249.51171875 + i * 0.1234;
    }
    DicomValues.putDs(l, Tags.ContourData, v);
    com.pixelmed.dicom.Attribute a = l.get(Tags.ContourData);
    assertEquals(v.length, a.getVM());
    double[] back = a.getDoubleValues();
    for (int i = 0; i < v.length; i++) {
      assertEquals(Double.parseDouble(DicomValues.ds(v[i])), back[i], 0.0);
    }
    assertEquals(0, a.getVL() % 2);
  }

  @Test
  void huEncodingFollowsTheDocumentedRules() {
    assertEquals(new HuEncoding(false, 1, -1024), HuEncoding.choose(new float[] {-1024, 0, 3071, 64511}));
    assertEquals(new HuEncoding(true, 1, 0), HuEncoding.choose(new float[] {-3024, 0, 3071}));
    assertEquals(new HuEncoding(false, 1, -40000), HuEncoding.choose(new float[] {-40000, 0, 20000}));
    float[] frac = {-1000.25f, 12.3f, 2999.9f};
    HuEncoding e = HuEncoding.choose(frac);
    assertFalse(e.signed());
    assertEquals(-1001, e.rescaleIntercept());
    assertTrue((2999.9 + 1001) / e.rescaleSlope() <= 65535);
    for (float v : frac) {
      assertEquals(v, e.decode(e.encode(v)), e.rescaleSlope() / 2 + 1e-3);
    }
    assertEquals(e.rescaleSlope(), Double.parseDouble(DicomValues.ds(e.rescaleSlope())), 0.0);
    float[] ints = new float[20000];
    for (int i = 0; i < ints.length; i++) {
      ints[i] = i - 3024;
    }
    assertTrue(HuEncoding.choose(ints).isExactFor(ints));
    assertThrows(IllegalArgumentException.class, () -> HuEncoding.choose(new float[] {0, Float.NaN}));
  }

  @Test
  void roiNamesMapOntoCanonicalStructures() {
    String[][] cases = {
        {"CTV", "CTV"}, {"ctv", "CTV"}, {"CTV_Prostate", "CTV"}, {"CTV 7800", "CTV"}, {"Prostate", "Prostate"},
        {"PROSTATA", "Prostate"}, {"Bladder", "Bladder"}, {"Harnblase", "Bladder"}, {"Rectum", "Rectum"},
        {"Rektum", "Rectum"}, {"Femur_L", "FemoralHead_L"}, {"FemoralHead_L", "FemoralHead_L"},
        {"Femoral Head Left", "FemoralHead_L"}, {"L Femoral Head", "FemoralHead_L"}, {"Femur_Head_R", "FemoralHead_R"},
        {"Femoral Head Right", "FemoralHead_R"}, {"Hip_Rt", "FemoralHead_R"}, {"External", "Body"}, {"BODY", "Body"},
        {"Körper", "Body"}, {"Urethra", "Urethra"}, {"SeminalVesicles", "SeminalVesicles"}, {"SV", "SeminalVesicles"},
        {"Seminal Vesicles", "SeminalVesicles"}, {"BladderNeck", "BladderNeck"}, {"Bladder_Neck", "BladderNeck"},
        {"Rectal Wall", "RectalWall"}, {"Pelvis", "PelvicBone"}};
    for (String[] c : cases) {
      assertEquals(c[1], StructureSynonyms.match(c[0]).map(StructureSynonyms.Match::structure).orElse(null), c[0]);
    }
    for (String n : new String[] {"PTV", "PTV_7800", "Rectum_PRV5", "Bladder-PTV", "Couch", "", "z_ring", "Femur"}) {
      assertTrue(StructureSynonyms.match(n).isEmpty(), n);
    }
    assertEquals(0, StructureSynonyms.match("c-t-v").orElseThrow().rank());
    assertTrue(StructureSynonyms.match("CTV_Prostate").orElseThrow().rank() > 0);
  }
}
