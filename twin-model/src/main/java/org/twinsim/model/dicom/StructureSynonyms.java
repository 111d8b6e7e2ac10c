package org.twinsim.model.dicom;

import static org.twinsim.model.anatomy.StructureNames.*;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps ROI names of imported RT Structure Sets onto the canonical {@code StructureNames}.
 *
 * <p>A name is first normalised: accents removed (NFD), lower case, everything but letters and
 * digits dropped, so "Femoral Head Left", "FemoralHead_L" and "femoral-head-left" all become
 * {@code femoralheadleft}. The normalised name is then looked up in the table below (rank = the
 * position in the canonical name's list: when two ROIs map onto the same structure, the lower rank
 * wins and the other is kept under its own name). Names from Eclipse, RayStation, Pinnacle and
 * Monaco templates and TG-263 (Mayo et al., Med Phys 2018) style names are covered; German,
 * French, Italian and Spanish organ names where common.
 *
 * <table>
 *   <caption>Synonyms (normalised form)</caption>
 *   <tr><th>structure</th><th>synonyms</th></tr>
 *   <tr><td>Body</td><td>body, external, externalcontour, bodyoutline, outline, outercontour, bodycontour,
 *     skin, patient, patientoutline, ext, externe, aussenkontur, korper</td></tr>
 *   <tr><td>CTV</td><td>ctv, ctvprostate, ctvprostata, ctvp, ctvpsv, ctvprostatesv, ctvprostatesvs,
 *     ctvprostateandsv, ctvprostateplussv, ctv1, ctvhigh, ctvhr; then ctv followed by digits
 *     (ctv7800)</td></tr>
 *   <tr><td>Prostate</td><td>prostate, prostata, prostategland, prostate1, prost</td></tr>
 *   <tr><td>Urethra</td><td>urethra, uretra, urethre, prostaticurethra, urethraprostatic, urethraprostate,
 *     harnrohre, uretre</td></tr>
 *   <tr><td>SeminalVesicles</td><td>seminalvesicles, seminalvesicle, seminalves, semves, sv, svs,
 *     vesiculaeseminales, vesiculesseminales, vesiculeseminale, samenblasen, vescichetteseminali</td></tr>
 *   <tr><td>BladderNeck</td><td>bladderneck, blneck, bladdernck, blasenhals, colvesical</td></tr>
 *   <tr><td>Bladder</td><td>bladder, urinarybladder, bladderwhole, blase, harnblase, vessie, vescica,
 *     vejiga</td></tr>
 *   <tr><td>Rectum</td><td>rectum, rektum, retto, recto, rectumwhole</td></tr>
 *   <tr><td>RectalWall</td><td>rectalwall, rectumwall, rectwall, rektumwand</td></tr>
 *   <tr><td>FemoralHead_L / _R</td><td>a femur word {femoralhead, femurhead, femhead, headfemur,
 *     headoffemur, femoralheadneck, femur, femoral, hip, femurkopf, huftkopf} before or after a side
 *     word: left {l, left, lt, sin, links}, right {r, right, rt, dx, dex, rechts}
 *     (femurl, lfemur, femoralheadleft, ...)</td></tr>
 *   <tr><td>PelvicBone</td><td>pelvicbone, pelvicbones, pelvis, bonypelvis, pelvisbone, bonepelvis,
 *     becken</td></tr>
 * </table>
 *
 * <p>An ROI whose name matches nothing is recognised as Body when its RT ROI Interpreted Type is
 * EXTERNAL and no other ROI is the body (see {@link DicomImport}).
 */
public final class StructureSynonyms {
  private static final Map<String, List<String>> TABLE = new LinkedHashMap<>();
  private static final Pattern CTV_WITH_DOSE = Pattern.compile("ctv\\d{1,5}");
  private static final Pattern COMBINING = Pattern.compile("\\p{M}+");

  static {
    TABLE.put(BODY, List.of("body", "external", "externalcontour", "bodyoutline", "outline", "outercontour",
        "bodycontour", "skin", "patient", "patientoutline", "ext", "externe", "aussenkontur", "korper"));
    TABLE.put(CTV, List.of("ctv", "ctvprostate", "ctvprostata", "ctvp", "ctvpsv", "ctvprostatesv", "ctvprostatesvs",
        "ctvprostateandsv", "ctvprostateplussv", "ctv1", "ctvhigh", "ctvhr"));
    TABLE.put(PROSTATE, List.of("prostate", "prostata", "prostategland", "prostate1", "prost"));
    TABLE.put(URETHRA, List.of("urethra", "uretra", "urethre", "prostaticurethra", "urethraprostatic",
        "urethraprostate", "harnrohre", "uretre"));
    TABLE.put(SEMINAL_VESICLES, List.of("seminalvesicles", "seminalvesicle", "seminalves", "semves", "sv", "svs",
        "vesiculaeseminales", "vesiculesseminales", "vesiculeseminale", "samenblasen", "vescichetteseminali"));
    TABLE.put(BLADDER_NECK, List.of("bladderneck", "blneck", "bladdernck", "blasenhals", "colvesical"));
    TABLE.put(BLADDER, List.of("bladder", "urinarybladder", "bladderwhole", "blase", "harnblase", "vessie",
        "vescica", "vejiga"));
    TABLE.put(RECTUM, List.of("rectum", "rektum", "retto", "recto", "rectumwhole"));
    TABLE.put(RECTAL_WALL, List.of("rectalwall", "rectumwall", "rectwall", "rektumwand"));
    TABLE.put(FEMORAL_HEAD_L, femurNames(List.of("l", "left", "lt", "sin", "links")));
    TABLE.put(FEMORAL_HEAD_R, femurNames(List.of("r", "right", "rt", "dx", "dex", "rechts")));
    TABLE.put(PELVIC_BONE, List.of("pelvicbone", "pelvicbones", "pelvis", "bonypelvis", "pelvisbone", "bonepelvis",
        "becken"));
  }

  private StructureSynonyms() {
  }

  private static List<String> femurNames(List<String> sides) {
    List<String> bases = List.of("femoralhead", "femurhead", "femhead", "headfemur", "headoffemur", "femoralheadneck",
        "femur", "femoral", "hip", "femurkopf", "huftkopf");
    List<String> out = new ArrayList<>();
    for (String b : bases) {
      for (String s : sides) {
        out.add(b + s);
        out.add(s + b);
      }
    }
    return List.copyOf(out);
  }

  /** A recognised ROI name: the canonical structure and the synonym's rank (0 = the canonical name itself). */
  public record Match(String structure, int rank) {
  }

  /** The normalised form of an ROI name (see the class comment). */
  public static String normalise(String roiName) {
    if (roiName == null) {
      return "";
    }
    String s = Normalizer.normalize(roiName, Normalizer.Form.NFD);
    s = COMBINING.matcher(s).replaceAll("");
    s = s.replace("ß", "ss").toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** The canonical structure an ROI name stands for, if any. */
  public static Optional<Match> match(String roiName) {
    String n = normalise(roiName);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    for (Map.Entry<String, List<String>> e : TABLE.entrySet()) {
      int rank = e.getValue().indexOf(n);
      if (rank >= 0) {
        return Optional.of(new Match(e.getKey(), rank));
      }
    }
    if (CTV_WITH_DOSE.matcher(n).matches()) {
      return Optional.of(new Match(CTV, TABLE.get(CTV).size()));
    }
    return Optional.empty();
  }

  /** The synonym table: canonical name to normalised synonyms in rank order (unmodifiable). */
  public static Map<String, List<String>> table() {
    return Collections.unmodifiableMap(TABLE);
  }
}
