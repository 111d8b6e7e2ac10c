package org.twinsim.reports.html;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.twinsim.reports.chart.BoxPlot;
import org.twinsim.reports.chart.DvhBandPlot;
import org.twinsim.reports.chart.Plot;
import org.twinsim.reports.chart.PlotRenderer;
import org.twinsim.reports.chart.StrategyPalette;
import org.twinsim.reports.chart.SweepPlot;
import org.twinsim.reports.manifest.RunManifest;
import org.twinsim.reports.run.RunFolder;
import org.twinsim.reports.run.RunTable;
import org.twinsim.reports.stats.Describe;
import org.twinsim.reports.stats.MeanCi;
import org.twinsim.reports.stats.PairedComparison;
import org.twinsim.reports.stats.SignedRankTest;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;

/**
 * Builds the report of a run folder: the headline table, per-strategy distributions of the dose
 * metrics, paired differences of the digital twin against each other strategy, time in room, clinic
 * days, the sweep (if any), DVH bands (if the run has a {@code dvh} table) and the manifest. Each
 * section says "not available" where the run has no values for it.
 */
public final class ReportBuilder {
  /** The strategy every other one is compared with. */
  public static final String TWIN = "digital-twin";

  private final RunFolder run;
  private final String plotsDir;
  private final String generatedAt;
  private final List<String> strategies;
  private final StrategyPalette palette;
  private final List<Plot> plots = new ArrayList<>();
  private final List<HeadlineRow> headline = new ArrayList<>();
  private final List<Comparison> comparisons = new ArrayList<>();
  private final List<String> unavailable = new ArrayList<>();
  private final List<String[]> toc = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();
  private final List<Pending> pending = new ArrayList<>();
  /** Marks a figure to be rendered: a character that escaped text never contains. */
  private static final String PLACEHOLDER = "\u0000";
  private SweepSummary sweep;

  private ReportBuilder(RunFolder run, String plotsDir, String generatedAt) {
    this.run = run;
    this.plotsDir = plotsDir;
    this.generatedAt = generatedAt;
    Set<String> s = new LinkedHashSet<>();
    if (run.manifest().strategies() != null) {
      s.addAll(run.manifest().strategies());
    }
    Set<String> present = new LinkedHashSet<>();
    for (Row r : run.fractions().rows()) {
      present.add(r.getString("strategy"));
    }
    s.retainAll(present);
    s.addAll(present);
    this.strategies = List.copyOf(s);
    this.palette = new StrategyPalette(strategies);
  }

  /**
   * Builds the report.
   *
   * @param plotsDir folder of the plot files relative to the HTML file (for the links under each plot)
   * @param generatedAt when the report is generated (shown in the header)
   */
  public static RunReport build(RunFolder run, String plotsDir, String generatedAt) {
    return new ReportBuilder(run, plotsDir, generatedAt).build();
  }

  private RunReport build() {
    StringBuilder body = new StringBuilder();
    body.append(headlineSection());
    body.append(doseSection());
    body.append(pairedSection());
    body.append(timeSection());
    body.append(clinicSection());
    body.append(sweepSection());
    body.append(dvhSection());
    body.append(manifestSection());
    body.append(methodsSection());
    String content = renderFigures(header() + contents() + body);
    String page = HtmlPage.page("twinsim report: " + run.manifest().scenarioName(), content, plots.size());
    return new RunReport(page, List.copyOf(plots), List.copyOf(headline), List.copyOf(comparisons), sweep,
        List.copyOf(unavailable));
  }

  // ---------------------------------------------------------------- header

  private String header() {
    RunManifest m = run.manifest();
    StringBuilder b = new StringBuilder();
    b.append("<header><h1>twinsim report: ").append(Html.esc(m.scenarioName())).append("</h1>\n");
    b.append("<p class=\"sub\">").append(Html.esc(m.scenarioSource())).append(" &middot; seed ").append(m.seed())
        .append(" &middot; ").append(m.replications()).append(" replication(s) &times; ").append(m.patients())
        .append(" patients &middot; ").append(run.fractions().size()).append(" fraction rows &middot; variants: ")
        .append(Html.esc(String.join(", ", run.variants()))).append("<br>run folder <code>")
        .append(Html.esc(run.dir())).append("</code> &middot; report generated ").append(Html.esc(generatedAt))
        .append(" by twinsim ").append(Html.esc(m.version())).append("</p>\n");
    b.append("<p class=\"legend\">");
    for (String s : strategies) {
      b.append(swatch(s)).append(Html.esc(s)).append(" &nbsp; ");
    }
    b.append("</p>\n");
    Set<String> models = distinct(run.fractions(), "dose_model");
    List<String> notes = new ArrayList<>();
    boolean named = false;
    if (m.notes() != null) {
      for (String n : m.notes()) {
        for (String model : models) {
          named |= n.contains(model);
        }
      }
    }
    if (!models.isEmpty() && !named) {
      notes.add("Dose metrics from <b>" + Html.esc(String.join(", ", models)) + "</b>.");
    }
    if (m.notes() != null) {
      for (String n : m.notes()) {
        notes.add(Html.esc(n));
      }
    }
    if (!notes.isEmpty()) {
      b.append("<div class=\"note\">");
      for (String n : notes) {
        b.append("<div>").append(n).append("</div>");
      }
      b.append("</div>\n");
    }
    b.append("</header>\n");
    return b.toString();
  }

  private String contents() {
    StringBuilder b = new StringBuilder("<nav><ol>");
    for (String[] t : toc) {
      b.append("<li><a href=\"#").append(t[0]).append("\">").append(Html.esc(t[1])).append("</a></li>");
    }
    return b.append("</ol></nav>\n").toString();
  }

  private String section(String id, String title) {
    toc.add(new String[] {id, title});
    return "<section id=\"" + id + "\"><h2>" + Html.esc(title) + "</h2>\n";
  }

  private String variantHeading(String v) {
    return run.variants().size() > 1 ? "<h3>variant " + Html.esc(v) + "</h3>\n" : "";
  }

  // ---------------------------------------------------------------- headline

  private String headlineSection() {
    StringBuilder b = new StringBuilder(section("headline", "Headline figures"));
    b.append("<p>Per strategy, mean &plusmn; SD over all fractions (every replication and patient).</p>\n");
    boolean many = run.variants().size() > 1;
    b.append("<div class=\"tw\"><table><thead><tr>");
    if (many) {
      b.append("<th class=\"l\">variant</th>");
    }
    b.append("<th class=\"l\">strategy</th><th>patients</th><th>fractions</th>");
    for (Metric m : Metric.HEADLINE) {
      b.append("<th>").append(Html.esc(m.shortLabel())).append("<br><span class=\"unit\">").append(Html.esc(m.unit()))
          .append("</span></th>");
    }
    b.append("</tr></thead><tbody>\n");
    RunTable fr = run.fractions();
    for (String v : run.variants()) {
      Table t = fr.variant(v);
      for (String s : strategies) {
        List<Row> rows = rowsOf(t, s);
        if (rows.isEmpty()) {
          continue;
        }
        Set<String> courses = new HashSet<>();
        for (Row r : rows) {
          courses.add(r.get("replication") + "/" + r.get("patient_id"));
        }
        Map<String, Describe> ms = new LinkedHashMap<>();
        for (Metric m : Metric.HEADLINE) {
          ms.put(m.column(), Describe.of(m.scaled(values(rows, fr, m.column()))));
        }
        HeadlineRow h = new HeadlineRow(v, s, courses.size(), rows.size(), ms);
        headline.add(h);
        b.append("<tr>");
        if (many) {
          b.append("<td class=\"l\">").append(Html.esc(v)).append("</td>");
        }
        b.append("<td class=\"l\">").append(swatch(s)).append(Html.esc(s)).append("</td><td>").append(h.patients())
            .append("</td><td>").append(h.fractions()).append("</td>");
        for (Metric m : Metric.HEADLINE) {
          Describe d = ms.get(m.column());
          b.append("<td>").append(d.n() == 0 ? "<span class=\"na\">not available</span>"
              : Html.meanSd(d.mean(), d.sd(), 2)).append("</td>");
        }
        b.append("</tr>\n");
      }
    }
    b.append("</tbody></table></div>\n");
    for (Metric m : Metric.HEADLINE) {
      if (!fr.hasValues(m.column())) {
        String why = m.label() + ": not available (no values in column " + m.column() + ")";
        unavailable.add(why);
      }
    }
    return b.append("</section>\n").toString();
  }

  // ---------------------------------------------------------------- dose

  private String doseSection() {
    StringBuilder b = new StringBuilder(section("dose", "Dose per fraction, by strategy"));
    b.append("<p>Each point is one fraction of one patient; boxes span the quartiles, the bar is the median, "
        + "&#9670; the mean, whiskers reach the most extreme value within 1.5 IQR of the box.</p>\n");
    RunTable fr = run.fractions();
    for (String v : run.variants()) {
      b.append(variantHeading(v)).append("<div class=\"grid\">\n");
      Table t = fr.variant(v);
      for (Metric m : Metric.DOSE) {
        if (!hasValues(t, m.column())) {
          b.append(notAvailable(m.label() + (run.variants().size() > 1 ? " (variant " + v + ")" : ""),
              "the dose model (" + String.join(", ", distinct(fr, "dose_model")) + ") does not provide "
                  + m.column()));
          continue;
        }
        List<BoxPlot.Group> groups = new ArrayList<>();
        for (String s : strategies) {
          List<Row> rows = rowsOf(t, s);
          if (!rows.isEmpty()) {
            groups.add(new BoxPlot.Group(s, palette.colour(s), m.scaled(values(rows, fr, m.column()))));
          }
        }
        b.append(box("dose-" + m.column() + "-" + Html.slug(v), m.label() + " per fraction" + suffix(v),
            m.label() + " of each delivered fraction, scored on the true anatomy at delivery.", m.axisTitle(), groups,
            Double.NaN));
      }
      b.append("</div>\n");
    }
    return b.append("</section>\n").toString();
  }

  // ---------------------------------------------------------------- paired

  private String pairedSection() {
    StringBuilder b = new StringBuilder(section("paired", "Paired differences: digital twin vs each other strategy"));
    if (!strategies.contains(TWIN)) {
      unavailable.add("paired differences: not available (no " + TWIN + " strategy in this run)");
      return b.append(notAvailable("Paired differences", "this run has no " + TWIN + " strategy")).append("</section>\n")
          .toString();
    }
    b.append("<p>Differences <i>digital-twin &minus; other</i> over the same fractions (same replication, patient "
        + "and fraction: the strategies see the same anatomy, common random numbers). Test: Wilcoxon signed-rank, "
        + "two-sided, on the non-zero differences; <b>zero differences are discarded</b> (e.g. both strategies "
        + "delivered the same plan), as in Wilcoxon's original procedure. The p-value is exact below "
        + SignedRankTest.EXACT_BELOW + " non-zero differences without ties, else from the normal approximation "
        + "(tie-corrected variance, continuity correction), as R's wilcox.test. Fractions are not independent within a patient: read p as descriptive.</p>\n");
    RunTable fr = run.fractions();
    List<Metric> metrics = new ArrayList<>(Metric.DOSE);
    metrics.add(Metric.TIME_IN_ROOM);
    for (String v : run.variants()) {
      Table t = fr.variant(v);
      List<Row> twin = rowsOf(t, TWIN);
      b.append(variantHeading(v));
      if (twin.isEmpty()) {
        b.append(notAvailable("Paired differences", "no " + TWIN + " fractions in this variant"));
        continue;
      }
      StringBuilder table = new StringBuilder("<div class=\"tw\"><table><thead><tr><th class=\"l\">metric</th><th class=\"l\">"
          + "digital-twin &minus;</th><th>pairs</th><th>non-zero</th><th>mean &plusmn; SD</th><th>median [IQR]</th>"
          + "<th>p</th><th class=\"l\">test</th></tr></thead><tbody>\n");
      b.append("<div class=\"grid\">\n");
      for (Metric m : metrics) {
        if (!hasValues(t, m.column())) {
          b.append(notAvailable(m.label() + " differences", "no values in column " + m.column()));
          continue;
        }
        List<BoxPlot.Group> groups = new ArrayList<>();
        for (String s : strategies) {
          if (s.equals(TWIN)) {
            continue;
          }
          List<Row> other = rowsOf(t, s);
          if (other.isEmpty()) {
            continue;
          }
          PairedComparison pc = PairedComparison.of(m.column(), TWIN, s, keys(twin), m.scaled(values(twin, fr, m.column())),
              keys(other), m.scaled(values(other, fr, m.column())));
          comparisons.add(new Comparison(v, m, pc));
          groups.add(new BoxPlot.Group("vs " + s, palette.colour(s), pc.differences()));
          Describe d = pc.summary();
          table.append("<tr><td class=\"l\">").append(Html.esc(m.axisTitle())).append("</td><td class=\"l\">")
              .append(swatch(s)).append(Html.esc(s)).append("</td><td>").append(pc.pairs()).append("</td><td>")
              .append(pc.nonZero()).append("</td><td>").append(Html.meanSd(d.mean(), d.sd(), 2)).append("</td><td>")
              .append(Html.num(d.median(), 2)).append(" [").append(Html.num(d.q25(), 2)).append(", ")
              .append(Html.num(d.q75(), 2)).append("]</td><td>").append(Html.p(pc.pValue())).append("</td><td class=\"l\">")
              .append(Html.esc(pc.testDescription())).append("</td></tr>\n");
        }
        if (groups.isEmpty()) {
          continue;
        }
        b.append(box("paired-" + m.column() + "-" + Html.slug(v), m.shortLabel() + ": digital-twin \u2212 other"
                + suffix(v), "Per fraction, digital-twin minus the other strategy; above the dashed zero line the "
                + "twin's value is higher.", "difference (" + m.unit() + ")", groups, 0));
      }
      b.append("</div>\n").append(table).append("</tbody></table></div>\n");
    }
    return b.append("</section>\n").toString();
  }

  // ---------------------------------------------------------------- time in room

  private String timeSection() {
    StringBuilder b = new StringBuilder(section("time", "Time in room"));
    RunTable fr = run.fractions();
    for (String v : run.variants()) {
      Table t = fr.variant(v);
      b.append(variantHeading(v)).append("<div class=\"grid\">\n");
      for (Metric m : List.of(Metric.TIME_IN_ROOM, Metric.WAIT_ROOM)) {
        if (!hasValues(t, m.column())) {
          b.append(notAvailable(m.label(), "no values in column " + m.column()));
          continue;
        }
        List<BoxPlot.Group> groups = new ArrayList<>();
        for (String s : strategies) {
          List<Row> rows = rowsOf(t, s);
          if (!rows.isEmpty()) {
            groups.add(new BoxPlot.Group(s, palette.colour(s), m.scaled(values(rows, fr, m.column()))));
          }
        }
        String what = m == Metric.TIME_IN_ROOM ? "from entering the room (setup) to the end of delivery"
            : "from arrival until the room is free";
        b.append(box("time-" + m.column() + "-" + Html.slug(v), m.label() + " per session" + suffix(v),
            m.label() + " of each session, " + what + ".", m.axisTitle(), groups, Double.NaN));
      }
      b.append("</div>\n");
    }
    return b.append("</section>\n").toString();
  }

  // ---------------------------------------------------------------- clinic days

  private String clinicSection() {
    StringBuilder b = new StringBuilder(section("clinic", "Clinic days"));
    RunTable days = run.table("clinic_days").orElse(null);
    if (days == null || days.size() == 0) {
      unavailable.add("clinic days: not available (no clinic_days table)");
      return b.append(notAvailable("Clinic days", "the run has no clinic_days table")).append("</section>\n").toString();
    }
    b.append("<p>One value per treatment day and strategy: each strategy runs the whole clinic on its own.</p>\n");
    RunTable steps = run.table("steps").filter(t -> t.has("resource") && t.has("strategy")).orElse(null);
    record Q(String column, String title, String axis, double scale, String caption) {
    }
    List<Q> qs = List.of(
        new Q("room_utilisation", "Room utilisation per day", "Room utilisation (% of opening hours)", 100,
            "Time the rooms are occupied by a patient over their opening hours, one value per day."),
        new Q("overtime_s", "Overtime per day", "Overtime (min, all rooms)", 1.0 / 60,
            "Time rooms are occupied after closing, summed over rooms, one value per day."),
        new Q("mean_wait_gpu_s", "GPU wait per request, daily mean", "GPU wait (min)", 1.0 / 60,
            "Mean wait for a GPU server per request, one value per day."));
    for (String v : run.variants()) {
      Table t = days.variant(v);
      b.append(variantHeading(v)).append("<div class=\"grid\">\n");
      Set<String> gpuUsers = null;
      if (steps != null) {
        gpuUsers = new HashSet<>();
        for (Row r : steps.variant(v).rows()) {
          if ("gpu".equals(r.getString("resource"))) {
            gpuUsers.add(r.getString("strategy"));
          }
        }
      }
      for (Q q : qs) {
        if (!hasValues(t, q.column())) {
          b.append(notAvailable(q.title(), "no values in clinic_days." + q.column()));
          continue;
        }
        List<BoxPlot.Group> groups = new ArrayList<>();
        for (String s : strategies) {
          List<Row> rows = rowsOf(t, s);
          if (rows.isEmpty()) {
            continue;
          }
          double[] vals = new double[rows.size()];
          boolean noGpu = q.column().equals("mean_wait_gpu_s") && gpuUsers != null && !gpuUsers.contains(s);
          for (int i = 0; i < vals.length; i++) {
            vals[i] = noGpu ? Double.NaN : rows.get(i).getDouble(q.column()) * q.scale();
          }
          groups.add(new BoxPlot.Group(s, palette.colour(s), vals, noGpu ? "(no GPU steps)" : "(no data)"));
        }
        b.append(box("clinic-" + q.column() + "-" + Html.slug(v), q.title() + suffix(v), q.caption(), q.axis(), groups,
            Double.NaN));
      }
      b.append("</div>\n");
    }
    return b.append("</section>\n").toString();
  }

  // ---------------------------------------------------------------- sweep

  private String sweepSection() {
    if (!SweepSummary.isSweep(run)) {
      return "";
    }
    StringBuilder b = new StringBuilder(section("sweep", "Sweep: clinic figures vs the varied parameter"));
    if (run.table("clinic_days").map(t -> t.size() == 0).orElse(true)) {
      unavailable.add("sweep: not available (no clinic_days table)");
      return b.append(notAvailable("Sweep figures", "the run has no clinic_days table")).append("</section>\n").toString();
    }
    sweep = SweepSummary.of(run);
    MeanCi any = sweep.points().isEmpty() ? null : sweep.points().get(0).ci();
    b.append("<p>Mean over independent replications (one value per replication: the mean over its days) with ")
        .append(Math.round(SweepSummary.LEVEL * 100)).append(" % Student-t confidence intervals");
    if (any != null && any.n() < 2) {
      b.append(" &mdash; <b>this run has one replication: no intervals</b>");
    }
    b.append(". GPU wait: ").append(sweep.gpuFromSteps() ? "mean wait per GPU request (steps table)"
        : "mean of the daily mean waits (clinic_days)").append(".</p>\n");
    for (String p : sweep.parameters()) {
      List<String> xs = new ArrayList<>(new LinkedHashSet<>(sweep.variants().stream().map(v -> sweep.value(v, p)).toList()));
      boolean numeric = xs.stream().allMatch(ReportBuilder::isNumber);
      if (numeric) {
        xs.sort((a, c) -> Double.compare(Double.parseDouble(a), Double.parseDouble(c)));
      }
      // the other parameters' combinations: one line per strategy and combination
      List<String> others = sweep.parameters().stream().filter(q -> !q.equals(p)).toList();
      List<String> combos = new ArrayList<>(new LinkedHashSet<>(sweep.variants().stream()
          .map(v -> combo(sweep, v, others)).toList()));
      b.append("<h3>").append(Html.esc(p)).append("</h3>\n<div class=\"grid\">\n");
      for (SweepSummary.Quantity q : SweepSummary.Quantity.values()) {
        List<SweepPlot.Line> lines = new ArrayList<>();
        for (String s : strategies) {
          for (int ci = 0; ci < combos.size(); ci++) {
            double[] y = new double[xs.size()];
            double[] hw = new double[xs.size()];
            java.util.Arrays.fill(y, Double.NaN);
            java.util.Arrays.fill(hw, Double.NaN);
            boolean anyPoint = false;
            for (String v : sweep.variants()) {
              if (!combo(sweep, v, others).equals(combos.get(ci))) {
                continue;
              }
              SweepSummary.Point pt = sweep.point(v, s, q);
              if (pt == null || !Double.isFinite(pt.ci().mean())) {
                continue;
              }
              int xi = xs.indexOf(sweep.value(v, p));
              y[xi] = pt.ci().mean();
              hw[xi] = pt.ci().halfWidth();
              anyPoint = true;
            }
            if (anyPoint) {
              String label = s + (combos.size() > 1 ? " (" + combos.get(ci) + ")" : "");
              lines.add(new SweepPlot.Line(label, palette.colour(s), ci % 2 == 1, y, hw));
            }
          }
        }
        if (lines.isEmpty()) {
          b.append(notAvailable(q.label() + " vs " + p, "no values"));
          continue;
        }
        XYChart c = SweepPlot.chart(q.label() + " vs " + p, p, q.label() + " (" + q.unit() + ")", xs, numeric, lines);
        b.append(figure("sweep-" + Html.slug(p) + "-" + q.name().toLowerCase(Locale.ROOT), q.label() + " vs " + p,
            "Mean over replications; bars: " + Math.round(SweepSummary.LEVEL * 100) + " % confidence interval.", c));
      }
      b.append("</div>\n");
    }
    b.append("<table><thead><tr><th class=\"l\">variant</th>");
    for (String p : sweep.parameters()) {
      b.append("<th class=\"l\">").append(Html.esc(p)).append("</th>");
    }
    b.append("<th class=\"l\">strategy</th><th>replications</th>");
    for (SweepSummary.Quantity q : SweepSummary.Quantity.values()) {
      b.append("<th>").append(Html.esc(q.label())).append("<br><span class=\"unit\">").append(Html.esc(q.unit()))
          .append(", mean &plusmn; CI half-width</span></th>");
    }
    b.append("</tr></thead><tbody>\n");
    for (String v : sweep.variants()) {
      for (String s : strategies) {
        if (sweep.point(v, s, SweepSummary.Quantity.THROUGHPUT) == null) {
          continue;
        }
        b.append("<tr><td class=\"l\">").append(Html.esc(v)).append("</td>");
        for (String p : sweep.parameters()) {
          b.append("<td class=\"l\">").append(Html.esc(sweep.value(v, p))).append("</td>");
        }
        b.append("<td class=\"l\">").append(swatch(s)).append(Html.esc(s)).append("</td><td>")
            .append(sweep.point(v, s, SweepSummary.Quantity.THROUGHPUT).ci().n()).append("</td>");
        for (SweepSummary.Quantity q : SweepSummary.Quantity.values()) {
          MeanCi ci = sweep.point(v, s, q).ci();
          b.append("<td>").append(Html.num(ci.mean(), 2)).append(ci.hasInterval() ? " &plusmn; " + Html.num(ci.halfWidth(), 2)
              : "").append("</td>");
        }
        b.append("</tr>\n");
      }
    }
    b.append("</tbody></table>\n");
    return b.append("</section>\n").toString();
  }

  private static String combo(SweepSummary s, String variant, List<String> params) {
    List<String> parts = new ArrayList<>();
    for (String p : params) {
      parts.add(p + "=" + s.value(variant, p));
    }
    return String.join(", ", parts);
  }

  private static boolean isNumber(String s) {
    try {
      return Double.isFinite(Double.parseDouble(s));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------- DVH

  private String dvhSection() {
    RunTable dvh = run.table("dvh").orElse(null);
    if (dvh == null || dvh.size() == 0) {
      return "";
    }
    StringBuilder b = new StringBuilder(section("dvh", "DVH bands"));
    for (String col : List.of("replication", "patient_id", "fraction", "strategy", "structure", "dose_pct", "volume_pct")) {
      if (!dvh.has(col)) {
        unavailable.add("DVH bands: not available (dvh table lacks column " + col + ")");
        return b.append(notAvailable("DVH bands", "the dvh table has no column " + col)).append("</section>\n").toString();
      }
    }
    b.append("<p>Cumulative DVHs: per strategy, the median curve (line) and the ")
        .append(Math.round(DvhBands.LOWER * 100)).append("&ndash;").append(Math.round(DvhBands.UPPER * 100))
        .append(" % range (band) of the volume at each dose over all curves (one per replication, patient and "
            + "fraction).</p>\n");
    for (String v : dvh.variants()) {
      b.append(variantHeading(v));
      for (boolean course : new boolean[] {false, true}) {
        Map<String, List<DvhBands.Band>> bands = DvhBands.of(dvh.variant(v), course);
        if (bands.isEmpty()) {
          continue;
        }
        String kind = course ? "course (accumulated)" : "per fraction";
        b.append("<div class=\"grid\">\n");
        for (Map.Entry<String, List<DvhBands.Band>> e : bands.entrySet()) {
          List<DvhBandPlot.Band> pb = new ArrayList<>();
          StringBuilder counts = new StringBuilder();
          for (DvhBands.Band band : e.getValue()) {
            pb.add(new DvhBandPlot.Band(band.strategy(), palette.colour(band.strategy()), band.dosePct(), band.median(),
                band.lower(), band.upper()));
            counts.append(counts.length() == 0 ? "" : ", ").append(band.strategy()).append(": ").append(band.curves());
          }
          b.append(figure("dvh-" + (course ? "course" : "fraction") + "-" + Html.slug(e.getKey()) + "-" + Html.slug(v),
              e.getKey() + " DVH, " + kind + suffix(v), "Curves per strategy: " + counts + ".",
              DvhBandPlot.chart(e.getKey() + ": DVH " + kind, pb)));
        }
        b.append("</div>\n");
      }
    }
    return b.append("</section>\n").toString();
  }

  // ---------------------------------------------------------------- manifest

  private String manifestSection() {
    RunManifest m = run.manifest();
    StringBuilder b = new StringBuilder(section("manifest", "Run manifest"));
    b.append("<dl class=\"kv\">");
    kv(b, "tool", m.tool() + " " + m.version() + " (commit " + m.gitCommit() + ")");
    kv(b, "scenario", m.scenarioName() + " from " + m.scenarioSource());
    kv(b, "scenario SHA-256", m.scenarioSha256());
    kv(b, "seed", String.valueOf(m.seed()));
    kv(b, "replications x patients", m.replications() + " x " + m.patients());
    kv(b, "strategies", m.strategies() == null ? "" : String.join(", ", m.strategies()));
    kv(b, "variants", m.variants() == null ? "" : String.join(", ", m.variants()));
    kv(b, "engine", m.engine());
    StringBuilder be = new StringBuilder();
    if (m.backends() != null) {
      m.backends().forEach((k, val) -> be.append(be.length() == 0 ? "" : ", ").append(k).append(": ").append(val));
    }
    kv(b, "backends", be.toString());
    kv(b, "compute timing", m.computeTiming());
    kv(b, "Java", m.java());
    kv(b, "OS, CPUs", m.os() + ", " + m.cpus());
    kv(b, "started", m.startedAt());
    kv(b, "wall time", String.format(Locale.ROOT, "%.1f s", m.measuredWallS()));
    b.append("</dl>\n");
    b.append("<p>Reproduce: <code>twinsim run ").append(Html.esc(reproduceSource(m))).append(" --seed ")
        .append(m.seed()).append("</code> (same scenario text: same SHA-256 above).</p>\n");
    if (m.notes() != null && !m.notes().isEmpty()) {
      b.append("<h3>notes</h3><ul>");
      for (String n : m.notes()) {
        b.append("<li>").append(Html.esc(n)).append("</li>");
      }
      b.append("</ul>\n");
    }
    b.append("<h3>tables</h3><table><thead><tr><th class=\"l\">table</th><th>parts</th><th>rows</th></tr></thead><tbody>");
    Map<String, List<RunManifest.Part>> tables = m.tables() == null ? Map.of() : m.tables();
    for (Map.Entry<String, List<RunManifest.Part>> e : tables.entrySet()) {
      long rows = e.getValue().stream().mapToLong(RunManifest.Part::rows).sum();
      b.append("<tr><td class=\"l\">").append(Html.esc(e.getKey())).append("</td><td>").append(e.getValue().size())
          .append("</td><td>").append(rows).append("</td></tr>");
    }
    b.append("</tbody></table>\n<details><summary>every part</summary><table><tbody>");
    for (Map.Entry<String, List<RunManifest.Part>> e : tables.entrySet()) {
      for (RunManifest.Part p : e.getValue()) {
        b.append("<tr><td class=\"l\"><code>").append(Html.esc(p.path())).append("</code></td><td>").append(p.rows())
            .append("</td></tr>");
      }
    }
    b.append("</tbody></table></details>\n");
    return b.append("</section>\n").toString();
  }

  private static String reproduceSource(RunManifest m) {
    String s = m.scenarioSource() == null ? m.scenarioName() : m.scenarioSource();
    return s.startsWith("catalog:") ? s.substring("catalog:".length()) : s;
  }

  private static void kv(StringBuilder b, String k, String v) {
    b.append("<dt>").append(Html.esc(k)).append("</dt><dd>").append(Html.esc(v == null ? "" : v)).append("</dd>");
  }

  // ---------------------------------------------------------------- methods

  private String methodsSection() {
    StringBuilder b = new StringBuilder(section("methods", "How to read this report"));
    b.append("<ul>");
    b.append("<li>Box plots: box from the first to the third quartile, bar at the median, &#9670; mean, whiskers to "
        + "the most extreme value within 1.5 IQR of the box (Tukey); points are the individual values, spread "
        + "sideways only for legibility (above ").append(BoxPlot.MAX_POINTS).append(" values per box only those "
        + "beyond the whiskers are drawn). Quantiles: linear interpolation (Hyndman &amp; Fan definition 7).</li>");
    b.append("<li>Paired differences: Wilcoxon signed-rank test (Wilcoxon 1945), zero differences discarded.</li>");
    b.append("<li>Sweeps: Student-t intervals over independent replications (replication/deletion, Law 2015, "
        + "&sect;9.4.1).</li>");
    if (run.table("dvh").isEmpty()) {
      b.append("<li>DVH bands: this run has no <code>dvh</code> table; the section appears when a dose engine "
          + "writes one (proposed schema: <code>TwinsimTables.DVH</code>).</li>");
    }
    b.append("<li>Colours: one per strategy throughout (Okabe &amp; Ito colour-blind-safe palette). Every plot is "
        + "also written as PNG and SVG next to this file, under <code>").append(Html.esc(plotsDir))
        .append("/</code>.</li>");
    if (!unavailable.isEmpty()) {
      b.append("<li>Not available in this run: ").append(Html.esc(String.join("; ", unavailable))).append(".</li>");
    }
    b.append("</ul>\n");
    return b.append("</section>\n").toString();
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Registers a plot and returns a placeholder for its figure; the plots are rendered together (in
   * parallel) when the page is assembled.
   */
  private String figure(String id, String title, String caption, XYChart chart) {
    String unique = id;
    for (int i = 2; !ids.add(unique); i++) {
      unique = id + "-" + i;
    }
    pending.add(new Pending(unique, title, caption, chart));
    return PLACEHOLDER + (pending.size() - 1) + PLACEHOLDER;
  }

  private record Pending(String id, String title, String caption, XYChart chart) {
  }

  /** Renders every registered plot (in parallel: each chart is its own object) and fills in the figures. */
  private String renderFigures(String html) {
    Plot[] rendered = new Plot[pending.size()];
    IntStream.range(0, rendered.length).parallel().forEach(i -> {
      Pending p = pending.get(i);
      rendered[i] = PlotRenderer.render(p.id(), p.title(), p.caption(), p.chart());
    });
    plots.addAll(List.of(rendered));
    StringBuilder out = new StringBuilder(html.length() + rendered.length * 200_000);
    int from = 0;
    while (true) {
      int a = html.indexOf(PLACEHOLDER, from);
      if (a < 0) {
        break;
      }
      int b = html.indexOf(PLACEHOLDER, a + 1);
      out.append(html, from, a);
      Plot p = rendered[Integer.parseInt(html.substring(a + 1, b))];
      out.append("<figure id=\"fig-").append(Html.esc(p.id())).append("\"><img src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(p.png())).append("\" width=\"").append(p.width())
          .append("\" height=\"").append(p.height()).append("\" alt=\"").append(Html.esc(p.title()))
          .append("\"><figcaption>").append(Html.esc(p.caption())).append(" <span class=\"files\"><a href=\"")
          .append(Html.esc(plotsDir + "/" + p.id() + ".png")).append("\">PNG</a> &middot; <a href=\"")
          .append(Html.esc(plotsDir + "/" + p.id() + ".svg")).append("\">SVG</a></span></figcaption></figure>\n");
      from = b + 1;
    }
    return out.append(html, from, html.length()).toString();
  }

  /** A box plot figure, or a one-line note when every value is the same. */
  private String box(String id, String title, String caption, String axis, List<BoxPlot.Group> groups, double ref) {
    if (BoxPlot.constant(groups)) {
      return constantNote(title, groups, axis);
    }
    return figure(id, title, caption, BoxPlot.chart(title, axis, groups, ref));
  }

  /** In place of a plot whose values are all equal: the value per group (or why a group has none). */
  private String constantNote(String what, List<BoxPlot.Group> groups, String axis) {
    List<String> parts = new ArrayList<>();
    for (BoxPlot.Group g : groups) {
      double v = Double.NaN;
      for (double x : g.values()) {
        if (Double.isFinite(x)) {
          v = x;
        }
      }
      parts.add(swatch(g.label().startsWith("vs ") ? g.label().substring(3) : g.label()) + Html.esc(g.label()) + ": "
          + (Double.isFinite(v) ? Html.num(v, 2) : Html.esc(g.emptyNote().replaceAll("^\\((.*)\\)$", "$1"))));
    }
    return "<p class=\"flat\"><b>" + Html.esc(what) + "</b> &mdash; " + Html.esc(axis) + ", the same for every value "
        + "(no plot): " + String.join("; ", parts) + ".</p>\n";
  }

  private String notAvailable(String what, String why) {
    return "<p class=\"na\">" + Html.esc(what) + ": not available &mdash; " + Html.esc(why) + ".</p>\n";
  }

  private String swatch(String strategy) {
    return "<span class=\"sw\" style=\"background:" + palette.css(strategy) + "\"></span>";
  }

  private String suffix(String variant) {
    return run.variants().size() > 1 ? " (variant " + variant + ")" : "";
  }

  private static List<Row> rowsOf(Table t, String strategy) {
    List<Row> out = new ArrayList<>();
    for (Row r : t.rows()) {
      if (strategy.equals(r.getString("strategy"))) {
        out.add(r);
      }
    }
    return out;
  }

  /** Values of a column (NaN where null or where the table has no such column). */
  private static double[] values(List<Row> rows, RunTable table, String column) {
    double[] v = new double[rows.size()];
    boolean has = table.has(column);
    for (int i = 0; i < v.length; i++) {
      v[i] = has ? rows.get(i).getDouble(column) : Double.NaN;
    }
    return v;
  }

  private static boolean hasValues(Table t, String column) {
    if (!t.schema().has(column)) {
      return false;
    }
    for (Row r : t.rows()) {
      if (r.get(column) != null && Double.isFinite(r.getDouble(column))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> keys(List<Row> rows) {
    List<String> k = new ArrayList<>(rows.size());
    for (Row r : rows) {
      k.add(r.get("replication") + "/" + r.get("patient_id") + "/" + r.get("fraction"));
    }
    return k;
  }

  private static Set<String> distinct(RunTable t, String column) {
    Set<String> s = new TreeSet<>();
    if (t.has(column)) {
      for (Row r : t.rows()) {
        if (r.get(column) != null) {
          s.add(r.getString(column));
        }
      }
    }
    return s;
  }
}
