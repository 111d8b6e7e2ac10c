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
  private final ScenarioFacts facts;

  private ReportBuilder(RunFolder run, String plotsDir, String generatedAt, ScenarioFacts facts) {
    this.run = run;
    this.plotsDir = plotsDir;
    this.generatedAt = generatedAt;
    this.facts = facts == null ? ScenarioFacts.NONE : facts;
    Set<String> s = new LinkedHashSet<>();
    if (run.manifest().strategies() != null) {
      s.addAll(run.manifest().strategies());
    }
    Set<String> present = new LinkedHashSet<>();
    for (String table : List.of("fractions", "clinic_days", "courses", "sweep_summary")) {
      RunTable t = run.table(table).orElse(null);
      if (t != null && t.has("strategy")) {
        for (Row r : t.rows()) {
          present.add(r.getString("strategy"));
        }
      }
    }
    for (String v : run.variants()) {
      present.addAll(run.stepWaits().strategies(v));
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
    return build(run, plotsDir, generatedAt, ScenarioFacts.NONE);
  }

  /**
   * Builds the report, with what the caller knows of the scenario (e.g. the start target of a
   * capacity run).
   */
  public static RunReport build(RunFolder run, String plotsDir, String generatedAt, ScenarioFacts facts) {
    return new ReportBuilder(run, plotsDir, generatedAt, facts).build();
  }

  private RunReport build() {
    StringBuilder body = new StringBuilder();
    ClinicSection clinic = new ClinicSection(this, run, facts);
    if (run.hasFractions()) {
      body.append(headlineSection());
      body.append(doseSection());
      body.append(pairedSection());
      body.append(timeSection());
    }
    body.append(clinic.figures());
    body.append(clinic.daysSection());
    body.append(clinic.waitsSection());
    body.append(clinic.startSection());
    body.append(sweepSection(clinic));
    body.append(safetySection());
    body.append(dvhSection());
    body.append(manifestSection());
    body.append(methodsSection(clinic));
    String content = renderFigures(header() + contents() + body);
    String page = HtmlPage.page("twinsim report: " + run.manifest().scenarioName(), content, plots.size());
    return new RunReport(page, List.copyOf(plots), List.copyOf(headline), List.copyOf(comparisons), sweep,
        List.copyOf(unavailable), List.copyOf(clinic.rows), List.copyOf(clinic.waits), List.copyOf(clinic.starts));
  }

  /** Strategies of the run, in the manifest's order. */
  List<String> strategies() {
    return strategies;
  }

  StrategyPalette palette() {
    return palette;
  }

  /** Records a metric or section left out for lack of data (listed under "How to read this report"). */
  void unavailable(String line) {
    unavailable.add(line);
  }

  // ---------------------------------------------------------------- header

  private String header() {
    RunManifest m = run.manifest();
    StringBuilder b = new StringBuilder();
    b.append("<header><h1>twinsim report: ").append(Html.esc(m.scenarioName())).append("</h1>\n");
    b.append("<p class=\"sub\">").append(Html.esc(m.scenarioSource())).append(" &middot; mode ")
        .append(Html.esc(run.mode())).append(" &middot; seed ").append(m.seed()).append(" &middot; ")
        .append(m.replications()).append(" replication(s)");
    if (run.hasFractions()) {
      b.append(" &times; ").append(m.patients()).append(" patients &middot; ").append(run.fractions().size())
          .append(" fraction rows");
    } else {
      run.table("clinic_days").ifPresent(t -> b.append(" &middot; ").append(t.size()).append(" clinic-day rows"));
      run.table("courses").filter(t -> t.size() > 0).ifPresent(t -> b.append(" &middot; ").append(t.size())
          .append(" course rows"));
      if (run.hasSteps()) {
        b.append(" &middot; ").append(String.format(Locale.ROOT, "%,d", run.stepWaits().rows())).append(" step rows");
      }
    }
    b.append(" &middot; variants: ").append(Html.esc(String.join(", ", run.variants()))).append("<br>run folder <code>")
        .append(Html.esc(run.dir())).append("</code> &middot; report generated ").append(Html.esc(generatedAt))
        .append(" by twinsim ").append(Html.esc(m.version())).append("</p>\n");
    b.append("<p class=\"legend\">");
    for (String s : strategies) {
      b.append(swatch(s)).append(Html.esc(s)).append(" &nbsp; ");
    }
    b.append("</p>\n");
    Set<String> models = run.hasFractions() ? distinct(run.fractions(), "dose_model") : Set.of();
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

  String section(String id, String title) {
    toc.add(new String[] {id, title});
    return "<section id=\"" + id + "\"><h2>" + Html.esc(title) + "</h2>\n";
  }

  String variantHeading(String v) {
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

  // ---------------------------------------------------------------- sweep

  private String sweepSection(ClinicSection clinic) {
    if (!SweepSummary.isSweep(run)) {
      return "";
    }
    StringBuilder b = new StringBuilder(section("sweep", "Sweep: clinic figures vs the varied parameter"));
    boolean table = run.table(SweepSummary.FROM_TABLE).map(t -> t.size() > 0).orElse(false);
    if (!table && run.table("clinic_days").map(t -> t.size() == 0).orElse(true)) {
      unavailable.add("sweep: not available (no sweep_summary and no clinic_days table)");
      return b.append(notAvailable("Sweep figures", "the run has neither a sweep_summary nor a clinic_days table"))
          .append("</section>\n").toString();
    }
    sweep = SweepSummary.of(run);
    int reps = 0;
    for (SweepSummary.Point pt : sweep.points()) {
      reps = Math.max(reps, pt.ci().n());
    }
    b.append("<p>Each point: the mean over independent replications of one value per replication (its mean over "
        + "treatment days; over courses for the start wait), with ").append(Math.round(SweepSummary.LEVEL * 100))
        .append(" % Student-t confidence intervals as error bars");
    if (reps < 2) {
      b.append(" &mdash; <b>this run has one replication: no intervals</b>");
    }
    b.append(". ");
    if (sweep.source().equals(SweepSummary.FROM_TABLE)) {
      b.append("Means and intervals are read from the run's <code>sweep_summary</code> table (the engine's own, "
          + "computed when the sweep ran).");
    } else {
      b.append("The run has no <code>sweep_summary</code> table: means and intervals are computed here from "
          + "<code>clinic_days</code>").append(clinic.hasStartWaits() ? " and <code>courses</code>" : "")
          .append(" with the engine's definitions.");
    }
    b.append(" Waits are the daily mean wait per request, averaged over days; a strategy that never requests a "
        + "resource has no line for its wait.</p>\n");
    List<String> fixed = new ArrayList<>();
    for (String p : sweep.parameters()) {
      if (!sweep.varied().contains(p) && !sweep.variants().isEmpty()) {
        fixed.add(p + " = " + sweep.value(sweep.variants().get(0), p));
      }
    }
    if (!fixed.isEmpty()) {
      b.append("<p>The same in every variant: <code>").append(Html.esc(String.join(", ", fixed))).append("</code>.</p>\n");
    }
    List<SweepSummary.Quantity> shown = new ArrayList<>();
    for (SweepSummary.Quantity q : SweepSummary.Quantity.values()) {
      if (sweep.points().stream().anyMatch(p -> p.quantity() == q && Double.isFinite(p.ci().mean()))) {
        shown.add(q);
      }
    }
    for (String p : sweep.varied()) {
      List<String> xs = new ArrayList<>(new LinkedHashSet<>(sweep.variants().stream().map(v -> sweep.value(v, p)).toList()));
      boolean numeric = xs.stream().allMatch(ReportBuilder::isNumber);
      if (numeric) {
        xs.sort((a, c) -> Double.compare(Double.parseDouble(a), Double.parseDouble(c)));
      }
      // the other varied parameters' combinations: one line per strategy and combination
      List<String> others = sweep.varied().stream().filter(q -> !q.equals(p)).toList();
      List<String> combos = new ArrayList<>(new LinkedHashSet<>(sweep.variants().stream()
          .map(v -> combo(sweep, v, others)).toList()));
      b.append("<h3>").append(Html.esc(p)).append("</h3>\n<div class=\"grid\">\n");
      for (SweepSummary.Quantity q : shown) {
        List<SweepPlot.Line> lines = new ArrayList<>();
        Set<String> without = new LinkedHashSet<>();
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
              if (sweep.notApplicable(v, s, q)) {
                without.add(s);
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
            "Mean over replications; bars: " + Math.round(SweepSummary.LEVEL * 100) + " % confidence interval (from "
                + (sweep.source().equals(SweepSummary.FROM_TABLE) ? "the sweep_summary table" : "clinic_days") + "). "
                + "Per replication: " + q.definition() + "."
                + (without.isEmpty() ? "" : " No " + ClinicSection.noun(q.resource()) + " requests, no line: "
                + String.join(", ", without)
                + "."), c));
      }
      b.append("</div>\n");
    }
    b.append("<div class=\"tw\"><table><thead><tr><th class=\"l\">variant</th>");
    for (String p : sweep.varied()) {
      b.append("<th class=\"l\">").append(Html.esc(p)).append("</th>");
    }
    b.append("<th class=\"l\">strategy</th><th>replications</th>");
    for (SweepSummary.Quantity q : shown) {
      b.append("<th>").append(Html.esc(q.label())).append("<br><span class=\"unit\">").append(Html.esc(q.unit()))
          .append(", mean &plusmn; CI half-width</span></th>");
    }
    b.append("</tr></thead><tbody>\n");
    for (String v : sweep.variants()) {
      for (String s : strategies) {
        int n = 0;
        for (SweepSummary.Quantity q : shown) {
          SweepSummary.Point pt = sweep.point(v, s, q);
          n = Math.max(n, pt == null ? 0 : pt.ci().n());
        }
        if (n == 0) {
          continue;
        }
        b.append("<tr><td class=\"l\">").append(Html.esc(v)).append("</td>");
        for (String p : sweep.varied()) {
          b.append("<td class=\"l\">").append(Html.esc(sweep.value(v, p))).append("</td>");
        }
        b.append("<td class=\"l\">").append(swatch(s)).append(Html.esc(s)).append("</td><td>").append(n).append("</td>");
        for (SweepSummary.Quantity q : shown) {
          SweepSummary.Point pt = sweep.point(v, s, q);
          if (pt == null) {
            b.append("<td>").append(sweep.notApplicable(v, s, q) ? "<span class=\"na\">no "
                + ClinicSection.noun(q.resource()) + " steps</span>" : "\u2013").append("</td>");
            continue;
          }
          MeanCi ci = pt.ci();
          b.append("<td>").append(Html.meanCi(ci.mean(), ci.halfWidth())).append("</td>");
        }
        b.append("</tr>\n");
      }
    }
    b.append("</tbody></table></div>\n");
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

  // ---------------------------------------------------------------- safety layer

  /**
   * The safety layer's figures (the run's safety_summary table): the table itself, and for a sweep
   * of several variants the operating points - sensitivity on the same fraction against false holds
   * per 100 normal fractions, one point per variant and anomaly kind.
   */
  private String safetySection() {
    RunTable t = run.table("safety_summary").orElse(null);
    if (t == null || t.size() == 0) {
      return "";
    }
    StringBuilder b = new StringBuilder(section("safety", "Safety layer"));
    b.append("<p>Injected anomalies and the deviation detectors (docs/safety.md): sensitivities are % of injected "
        + "events held on their first fraction; false alerts are per 100 fractions without an injected event; "
        + "95 % Wilson intervals (proportions) and Student-t intervals (means), events pooled over replications. "
        + "CTV D98 figures are from the run's dose model.</p>\n");
    Map<String, Double> falseHolds = new java.util.LinkedHashMap<>();
    Map<String, Map<String, Double>> sens = new java.util.TreeMap<>();
    for (Row r : t.rows()) {
      if (r.getString("figure").equals("false_holds_per_100")) {
        falseHolds.put(r.getString("variant"), r.getDouble("value"));
      } else if (r.getString("figure").equals("sensitivity_same_fraction")) {
        sens.computeIfAbsent(r.getString("anomaly_kind"), k -> new java.util.LinkedHashMap<>())
            .put(r.getString("variant"), r.getDouble("value"));
      }
    }
    if (falseHolds.size() > 1 && !sens.isEmpty()) {
      XYChart c = safetyChart("Operating points: sensitivity vs false holds", "false holds per 100 normal fractions",
          "held on the same fraction (% of events)", 7);
      for (Map.Entry<String, Map<String, Double>> e : sens.entrySet()) {
        List<double[]> pts = new ArrayList<>();
        e.getValue().forEach((v, y) -> {
          Double x = falseHolds.get(v);
          if (x != null && !Double.isNaN(x) && !Double.isNaN(y)) {
            pts.add(new double[] {x, y});
          }
        });
        pts.sort((a, bb) -> Double.compare(a[0], bb[0]));
        if (!pts.isEmpty()) {
          c.addSeries(e.getKey(), pts.stream().mapToDouble(q -> q[0]).toArray(), pts.stream().mapToDouble(q -> q[1]).toArray());
        }
      }
      b.append(figure("safety-operating-points", "Safety: sensitivity vs false holds",
          "One point per variant (e.g. a sweep over a detector's hold score) and anomaly kind.", c));
    }
    b.append(rocFigure());
    b.append(detectionDelayFigure());
    b.append(imagingFigure(t));
    b.append("<table><thead><tr><th>variant</th><th>anomaly</th><th>figure</th><th>strategy</th><th>n</th>"
        + "<th>value</th><th>95 % CI</th></tr></thead><tbody>\n");
    for (Row r : t.rows()) {
      Object lo = r.get("ci95_low");
      Object hi = r.get("ci95_high");
      Object st = t.has("strategy") ? r.get("strategy") : null;
      b.append("<tr><td>").append(Html.esc(r.getString("variant"))).append("</td><td>")
          .append(Html.esc(r.getString("anomaly_kind"))).append("</td><td>").append(Html.esc(r.getString("figure")))
          .append("</td><td>").append(st == null ? "" : Html.esc(st)).append("</td><td>").append(r.get("n"))
          .append("</td><td>").append(Html.num(r.getDouble("value"), 2)).append("</td><td>")
          .append(lo == null || hi == null ? "&ndash;"
              : Html.num(((Number) lo).doubleValue(), 2) + " &ndash; " + Html.num(((Number) hi).doubleValue(), 2))
          .append("</td></tr>\n");
    }
    return b.append("</tbody></table>\n</section>\n").toString();
  }

  /**
   * ROC over the detector threshold from one run: each detector's score on every fraction's first
   * image (fractions table) - the score on an injected event's first fraction against the scores of
   * normal fractions (no event active); the couch detector for gross setup errors, the position
   * detector for prostate shifts. Per variant the first variant with scores only (a sweep's variants
   * differ in thresholds, not scores, unless they change the anomalies).
   */
  private String rocFigure() {
    RunTable fr = run.table("fractions").orElse(null);
    RunTable ev = run.table("events").orElse(null);
    if (fr == null || ev == null || !fr.has("position_score") || !fr.hasValues("position_score") || ev.size() == 0) {
      return "";
    }
    String variant = ev.variants().get(0);
    Map<String, double[]> scores = new java.util.HashMap<>();
    for (Row r : fr.variant(variant).rows()) {
      Object c = r.get("couch_score");
      Object p = r.get("position_score");
      if (c != null && p != null) {
        scores.putIfAbsent(r.get("replication") + "/" + r.get("patient_id") + "/" + r.get("fraction"),
            new double[] {((Number) c).doubleValue(), ((Number) p).doubleValue()});
      }
    }
    java.util.Set<String> abnormal = new java.util.HashSet<>();
    Map<String, List<Double>> eventScores = new java.util.TreeMap<>();
    for (Row e : ev.variant(variant).rows()) {
      String pre = e.get("replication") + "/" + e.get("patient_id") + "/";
      for (int f = e.getInt("start_fraction"); f <= e.getInt("end_fraction"); f++) {
        abnormal.add(pre + f);
      }
      String kind = e.getString("kind");
      int detector = kind.equals("gross-setup") ? 0 : 1;
      double[] sc = scores.get(pre + e.getInt("start_fraction"));
      if (sc != null) {
        String label = kind + (Boolean.TRUE.equals(e.get("recurring")) ? " (recurring)" : "") + ", "
            + (detector == 0 ? "couch" : "position");
        eventScores.computeIfAbsent(label, k -> new ArrayList<>()).add(sc[detector]);
      }
    }
    List<double[]> normal = new ArrayList<>();
    scores.forEach((k, v) -> {
      if (!abnormal.contains(k)) {
        normal.add(v);
      }
    });
    if (eventScores.isEmpty() || normal.isEmpty()) {
      return "";
    }
    XYChart c = safetyChart("ROC over the detector threshold", "false alerts per 100 normal fractions",
        "events alerted on their first fraction (%)", 0);
    c.getStyler().setXAxisMin(0.0);
    c.getStyler().setXAxisMax(10.0);
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisMax(100.0);
    for (Map.Entry<String, List<Double>> e : eventScores.entrySet()) {
      int detector = e.getKey().endsWith("couch") ? 0 : 1;
      double[] es = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
      double[] ns = normal.stream().mapToDouble(v -> v[detector]).toArray();
      List<org.twinsim.reports.stats.DetectorRoc.Point> curve = org.twinsim.reports.stats.DetectorRoc.curve(es, ns);
      double auc = org.twinsim.reports.stats.DetectorRoc.auc(curve);
      List<double[]> pts = new ArrayList<>();
      for (org.twinsim.reports.stats.DetectorRoc.Point p : curve) {
        if (p.falsePer100() <= 10) {
          pts.add(new double[] {p.falsePer100(), p.sensitivityPct()});
        }
      }
      c.addSeries(String.format(Locale.ROOT, "%s (n=%d, AUC %.3f)", e.getKey(), es.length, auc),
          pts.stream().mapToDouble(q -> q[0]).toArray(), pts.stream().mapToDouble(q -> q[1]).toArray());
    }
    return figure("safety-roc", "Safety: ROC over the detector threshold",
        "Variant " + (variant.isEmpty() ? "(single)" : variant) + ": each detector's score on an injected event's first "
            + "fraction against its scores on " + normal.size() + " normal fractions, all thresholds; false alerts up "
            + "to 10 per 100 shown; AUC over the whole curve.", c);
  }

  /**
   * Detection delay: per anomaly kind (and variant, for a sweep), the share of injected events held
   * within d fractions of their start, from the events table; events never held keep the curve
   * below 100 %.
   */
  private String detectionDelayFigure() {
    RunTable ev = run.table("events").orElse(null);
    if (ev == null || ev.size() == 0) {
      return "";
    }
    boolean several = ev.variants().size() > 1;
    Map<String, List<Integer>> delays = new java.util.TreeMap<>();
    Map<String, Integer> counts = new java.util.TreeMap<>();
    int maxDelay = 0;
    for (String v : ev.variants()) {
      for (Row r : ev.variant(v).rows()) {
        String kind = r.getString("kind") + (Boolean.TRUE.equals(r.get("recurring")) ? " (recurring)" : "");
        String key = several ? v + ": " + kind : kind;
        counts.merge(key, 1, Integer::sum);
        Object d = r.get("delay_fractions");
        if (d != null) {
          int dd = ((Number) d).intValue();
          delays.computeIfAbsent(key, k -> new ArrayList<>()).add(dd);
          maxDelay = Math.max(maxDelay, dd);
        }
      }
    }
    XYChart c = safetyChart("Detection delay", "fractions from the event's start to its hold",
        "events held within the delay (% of events)", 6);
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisMax(100.0);
    int xMax = Math.max(3, maxDelay + 1);
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      List<Integer> d = delays.getOrDefault(e.getKey(), List.of());
      double[] x = new double[xMax + 1];
      double[] y = new double[xMax + 1];
      for (int k = 0; k <= xMax; k++) {
        final int kk = k;
        x[k] = k;
        y[k] = 100.0 * d.stream().filter(q -> q <= kk).count() / e.getValue();
      }
      c.addSeries(e.getKey() + " (n=" + e.getValue() + ")", x, y);
    }
    return figure("safety-detection-delay", "Safety: detection delay",
        "Cumulative share of injected events held within d fractions of their start, from the events table.", c);
  }

  /**
   * Twin-guided imaging: the course imaging dose relative to the paired daily-CBCT reference
   * against the change in mean CTV D98 (policy minus reference). One point per course for a run; for
   * a sweep (several variants with imaging figures), one point per variant and strategy - the
   * imaging-dose-versus-coverage curve.
   */
  private String imagingFigure(RunTable summary) {
    Map<String, List<double[]>> series = new java.util.TreeMap<>();
    Map<String, Double> dose = new java.util.HashMap<>();
    for (Row r : summary.rows()) {
      if (r.getString("figure").equals("imaging_dose_relative_pct")) {
        dose.put(r.getString("variant"), r.getDouble("value"));
      }
    }
    String caption;
    if (dose.size() > 1) {
      for (Row r : summary.rows()) {
        Double x = dose.get(r.getString("variant"));
        if (r.getString("figure").equals("ctv_d98_change_pct") && x != null) {
          series.computeIfAbsent(r.getString("strategy"), k -> new ArrayList<>()).add(new double[] {x, r.getDouble("value")});
        }
      }
      caption = "One point per variant (e.g. a sweep over safety.imaging.lowDoseBelowMm) and strategy: mean over "
          + "courses, paired with the same courses imaged with daily standard CBCT.";
    } else {
      RunTable co = run.table("courses").orElse(null);
      if (co == null || !co.has("reference_imaging_dose_mgy")) {
        return "";
      }
      for (Row r : co.rows()) {
        Object ref = r.get("reference_imaging_dose_mgy");
        Object d98 = r.get("mean_ctv_d98_pct");
        Object refD98 = r.get("reference_mean_ctv_d98_pct");
        if (ref == null || d98 == null || refD98 == null) {
          continue;
        }
        series.computeIfAbsent(r.getString("strategy"), k -> new ArrayList<>()).add(new double[] {
            100 * r.getDouble("imaging_dose_mgy") / ((Number) ref).doubleValue(),
            ((Number) d98).doubleValue() - ((Number) refD98).doubleValue()});
      }
      caption = "One point per course and strategy, paired with the same course imaged with daily standard CBCT "
          + "(same anatomy, anomalies and registration draws).";
    }
    if (series.isEmpty()) {
      return "";
    }
    XYChart c = safetyChart("Twin-guided imaging: dose vs coverage", "course imaging dose (% of daily standard CBCT)",
        "change in mean CTV D98 (% points)", 5);
    c.getStyler().setDefaultSeriesRenderStyle(dose.size() > 1 ? org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Line
        : org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
    for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
      List<double[]> pts = e.getValue();
      pts.sort((a, bb) -> Double.compare(a[0], bb[0]));
      c.addSeries(e.getKey(), pts.stream().mapToDouble(q -> q[0]).toArray(), pts.stream().mapToDouble(q -> q[1]).toArray());
    }
    return figure("safety-imaging-dose", "Twin-guided imaging: dose vs coverage", caption, c);
  }

  /** An empty chart of the safety section: the report's style, legend outside on the right. */
  private static XYChart safetyChart(String title, String xTitle, String yTitle, int markerSize) {
    XYChart c = new XYChart(org.twinsim.reports.chart.ChartStyle.WIDTH, org.twinsim.reports.chart.ChartStyle.HEIGHT);
    c.setTitle(title);
    c.setXAxisTitle(xTitle);
    c.setYAxisTitle(yTitle);
    org.twinsim.reports.chart.ChartStyle.apply(c.getStyler());
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    c.getStyler().setMarkerSize(markerSize);
    return c;
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
    b.append("<p>Reproduce: <code>").append(Html.esc(reproduce(m))).append("</code> (same scenario text: same "
        + "SHA-256 above).</p>\n");
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

  /**
   * The command that reproduces the run: {@code twinsim run SOURCE --seed N}, or for a sweep
   * {@code twinsim sweep SOURCE --vary P=V1,V2 ... --replications R} (the sweep's seed is the
   * scenario's), its axes read back from the variants table.
   */
  private String reproduce(RunManifest m) {
    String s = m.scenarioSource() == null ? m.scenarioName() : m.scenarioSource();
    Map<String, Set<String>> found = new LinkedHashMap<>();
    RunTable vt = run.table("variants").orElse(null);
    if (vt != null && vt.has("variant") && vt.has("parameter") && vt.has("value")) {
      for (String v : run.variants()) {
        for (Row r : vt.rows()) {
          if (v.equals(r.getString("variant"))) {
            found.computeIfAbsent(r.getString("parameter"), k -> new LinkedHashSet<>()).add(r.getString("value"));
          }
        }
      }
    }
    // the axes in the order the sweep's source names them (the table lists them sorted)
    final String src = s;
    Map<String, Set<String>> axes = new LinkedHashMap<>();
    found.keySet().stream().sorted(java.util.Comparator.comparingInt(p -> {
      int i = src.indexOf(" " + p + "=");
      return i < 0 ? Integer.MAX_VALUE : i;
    })).forEach(p -> axes.put(p, found.get(p)));
    if (!axes.isEmpty()) {
      // the sweep records its source as "SCENARIO PATH=V1,V2 ...": keep the scenario
      for (String p : axes.keySet()) {
        int cut = s.indexOf(" " + p + "=");
        if (cut > 0) {
          s = s.substring(0, cut);
        }
      }
    }
    s = s.startsWith("catalog:") ? s.substring("catalog:".length()) : s;
    if (axes.isEmpty()) {
      return "twinsim run " + s + " --seed " + m.seed();
    }
    StringBuilder b = new StringBuilder("twinsim sweep " + s);
    axes.forEach((p, vals) -> b.append(" --vary ").append(p).append('=').append(String.join(",", vals)));
    return b.append(" --replications ").append(m.replications()).toString();
  }

  private static void kv(StringBuilder b, String k, String v) {
    b.append("<dt>").append(Html.esc(k)).append("</dt><dd>").append(Html.esc(v == null ? "" : v)).append("</dd>");
  }

  // ---------------------------------------------------------------- methods

  private String methodsSection(ClinicSection clinic) {
    StringBuilder b = new StringBuilder(section("methods", "How to read this report"));
    b.append("<ul>");
    b.append("<li>Box plots: box from the first to the third quartile, bar at the median, &#9670; mean, whiskers to "
        + "the most extreme value within 1.5 IQR of the box (Tukey); points are the individual values, spread "
        + "sideways only for legibility (above ").append(BoxPlot.MAX_POINTS).append(" values per box only those "
        + "beyond the whiskers are drawn, once per pixel row). Where one strategy's values dwarf the others' (a "
        + "backlog that grows without bound), a second plot, marked <i>zoomed</i>, shows the others on their own "
        + "scale. Quantiles: linear interpolation (Hyndman &amp; Fan definition 7).</li>");
    if (run.hasFractions()) {
      b.append("<li>Paired differences: Wilcoxon signed-rank test (Wilcoxon 1945), zero differences discarded.</li>");
    } else {
      b.append("<li>This is a ").append(Html.esc(run.mode())).append(" run: it replays the clinic's timing without "
          + "dose, so it has no fractions table and no dose or paired sections.</li>");
    }
    if (clinic.present()) {
      b.append("<li>Clinic days: days of one replication are correlated (a backlog carries over), so a mean "
          + "&plusmn; SD over days describes the spread of days, not the uncertainty of the mean; for that, run "
          + "replications and read the sweep's intervals.</li>");
    }
    b.append("<li>Sweeps: Student-t intervals over independent replications (replication/deletion, Law 2015, "
        + "&sect;9.4.1).</li>");
    if (run.hasFractions() && run.table("dvh").isEmpty()) {
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
  String figure(String id, String title, String caption, XYChart chart) {
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
  String box(String id, String title, String caption, String axis, List<BoxPlot.Group> groups, double ref) {
    if (BoxPlot.constant(groups)) {
      return constantNote(title, groups, axis);
    }
    return figure(id, title, caption, BoxPlot.chart(title, axis, groups, ref));
  }

  /** Groups whose largest magnitude is below this share of the plot's largest get a zoomed plot of their own. */
  static final double ZOOM_BELOW = 0.25;

  /**
   * A box plot as {@link #box}, followed, when some groups lie on a much smaller scale than the others
   * (every magnitude below {@link #ZOOM_BELOW} of the largest: e.g. a strategy that keeps up next to
   * one whose backlog grows without bound), by a second box plot of only those groups on their own
   * scale, so that their boxes can be read.
   */
  String boxes(String id, String title, String caption, String axis, List<BoxPlot.Group> groups, double ref) {
    String main = box(id, title, caption, axis, groups, ref);
    double top = magnitude(List.of(new BoxPlot.Group("ref", null, new double[] {ref})));
    for (BoxPlot.Group g : groups) {
      top = Math.max(top, magnitude(List.of(g)));
    }
    List<BoxPlot.Group> small = new ArrayList<>();
    List<String> big = new ArrayList<>();
    for (BoxPlot.Group g : groups) {
      double m = magnitude(List.of(g));
      if (m < 0) {
        continue;
      }
      if (m < ZOOM_BELOW * top) {
        small.add(g);
      } else {
        big.add(g.label() + " (up to " + Html.num(m, m >= 100 ? 0 : 2) + ")");
      }
    }
    if (small.isEmpty() || big.isEmpty() || BoxPlot.constant(groups)) {
      return main;
    }
    List<String> names = small.stream().map(BoxPlot.Group::label).toList();
    double zoomRef = Double.isFinite(ref) && Math.abs(ref) < ZOOM_BELOW * top ? ref : Double.NaN;
    return main + box(id + "-zoom", title + ", zoomed",
        "Zoom on " + String.join(", ", names) + ": the same values without " + String.join(", ", big) + ", whose scale hides the others' boxes."
            + (Double.isFinite(ref) && Double.isNaN(zoomRef) ? " The dashed reference line lies outside this scale." : ""),
        axis, small, zoomRef);
  }

  /** Largest magnitude of the finite values of the groups, -1 if none. */
  private static double magnitude(List<BoxPlot.Group> groups) {
    double m = -1;
    for (BoxPlot.Group g : groups) {
      for (double v : g.values()) {
        if (Double.isFinite(v)) {
          m = Math.max(m, Math.abs(v));
        }
      }
    }
    return m;
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

  String notAvailable(String what, String why) {
    return "<p class=\"na\">" + Html.esc(what) + ": not available &mdash; " + Html.esc(why) + ".</p>\n";
  }

  String swatch(String strategy) {
    return "<span class=\"sw\" style=\"background:" + palette.css(strategy) + "\"></span>";
  }

  String suffix(String variant) {
    return run.variants().size() > 1 ? " (variant " + variant + ")" : "";
  }

  static List<Row> rowsOf(Table t, String strategy) {
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

  static boolean hasValues(Table t, String column) {
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
