package org.twinsim.reports.html;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.twinsim.reports.chart.BoxPlot;
import org.twinsim.reports.chart.TimeSeriesPlot;
import org.twinsim.reports.run.RunFolder;
import org.twinsim.reports.run.RunTable;
import org.twinsim.reports.run.StepWaits;
import org.twinsim.reports.stats.Describe;
import org.twinsim.reports.stats.MeanCi;
import org.twinsim.reports.table.Row;
import org.twinsim.reports.table.Table;

/**
 * The clinic part of the report, for every kind of run that has a {@code clinic_days} table (course
 * replay, capacity and queue modes): the clinic figures table, the clinic days (throughput over the
 * calendar, room utilisation, overtime, room wait), the waits per shared resource per request from
 * the {@code steps} table, and the waiting time to start treatment from the capacity courses.
 */
final class ClinicSection {
  /** Daily figures of clinic_days summarised over days (mean and SD), in their shown units. */
  static final List<Metric> DAY_METRICS = List.of(
      new Metric("patients_treated", "Sessions treated per day", "Sessions per day", "sessions", 1),
      new Metric("room_utilisation", "Room utilisation per day", "Room utilisation", "% of opening hours", 100),
      new Metric("overtime_s", "Overtime per day", "Overtime", "min per day, all rooms", 1.0 / 60),
      new Metric("patients_delayed", "Sessions starting > 15 min late per day", "Late sessions", "per day", 1),
      new Metric("gpu_utilisation", "GPU server utilisation", "GPU utilisation", "% of the opening span", 100),
      new Metric("physicist_utilisation", "Physicist utilisation", "Physicist utilisation", "% of the opening span", 100),
      new Metric("mean_patients_in_clinic", "Patients in the department", "In department", "patients, time average", 1));
  /** Columns of {@link #DAY_METRICS} in the main table; the others go to the second. */
  private static final Set<String> MAIN = Set.of("patients_treated", "room_utilisation", "overtime_s");
  /** Utilisations shown only for strategies whose steps use the resource. */
  private static final Map<String, String> USES = Map.of("gpu_utilisation", "gpu", "physicist_utilisation", "physicist");
  /** Order of the shared resources on the page (others follow in the order found). */
  static final List<String> RESOURCE_ORDER = List.of("gpu", "physicist", "therapists");
  /** The variants-table parameter that overrides the scenario's start target in a sweep variant. */
  static final String TARGET_PARAMETER = "arrivals.targetStartDays";

  private final ReportBuilder page;
  private final RunFolder run;
  private final ScenarioFacts facts;
  private final RunTable days;
  private final RunTable courses;
  private final StepWaits steps;
  final List<ClinicRow> rows = new ArrayList<>();
  final List<WaitRow> waits = new ArrayList<>();
  final List<StartWaitRow> starts = new ArrayList<>();

  ClinicSection(ReportBuilder page, RunFolder run, ScenarioFacts facts) {
    this.page = page;
    this.run = run;
    this.facts = facts;
    this.days = run.table("clinic_days").filter(t -> t.size() > 0).orElse(null);
    this.courses = run.table("courses").filter(t -> t.has("start_wait_days") && t.hasValues("start_wait_days"))
        .orElse(null);
    this.steps = run.stepWaits();
    summarise();
  }

  /** Whether the run has clinic days to report. */
  boolean present() {
    return days != null;
  }

  /** Whether the run has waiting times to start treatment (capacity courses). */
  boolean hasStartWaits() {
    return courses != null;
  }

  /** Resources some strategy requested in the run, in page order. */
  List<String> resources() {
    List<String> out = new ArrayList<>();
    for (String r : RESOURCE_ORDER) {
      if (steps.resources().contains(r)) {
        out.add(r);
      }
    }
    for (String r : steps.resources()) {
      if (!out.contains(r)) {
        out.add(r);
      }
    }
    return out;
  }

  /** Whether a strategy's workflow uses a resource in a variant (true when the run has no steps table). */
  boolean uses(String variant, String strategy, String resource) {
    return !run.hasSteps() || steps.requests(variant, strategy, resource) > 0;
  }

  /** The start target of a variant: the variants table's override, else the scenario's; -1 if unknown. */
  int target(String variant) {
    RunTable vt = run.table("variants").orElse(null);
    if (vt != null && vt.has("variant") && vt.has("parameter") && vt.has("value")) {
      for (Row r : vt.rows()) {
        if (variant.equals(r.getString("variant")) && TARGET_PARAMETER.equals(r.getString("parameter"))) {
          try {
            return Integer.parseInt(r.getString("value").strip());
          } catch (NumberFormatException e) {
            return -1;
          }
        }
      }
    }
    return facts.targetStartDays() == null ? -1 : facts.targetStartDays();
  }

  // ---------------------------------------------------------------- numbers

  private void summarise() {
    if (days == null) {
      return;
    }
    for (String v : run.variants()) {
      Table t = days.variant(v);
      for (String s : page.strategies()) {
        List<Row> rs = ReportBuilder.rowsOf(t, s);
        if (rs.isEmpty()) {
          continue;
        }
        Set<Integer> reps = new TreeSet<>();
        long sessions = 0;
        double waitSum = 0;
        Map<Integer, double[]> perRep = new TreeMap<>();
        for (Row r : rs) {
          reps.add(r.getInt("replication"));
          sessions += r.getInt("patients_treated");
          if (days.has("mean_wait_room_s")) {
            double w = r.getDouble("mean_wait_room_s") * r.getInt("patients_treated");
            waitSum += w;
            double[] a = perRep.computeIfAbsent(r.getInt("replication"), k -> new double[2]);
            a[0] += w;
            a[1] += r.getInt("patients_treated");
          }
        }
        double[] repWait = perRep.values().stream().filter(a -> a[1] > 0).mapToDouble(a -> a[0] / a[1] / 60).toArray();
        Map<String, Describe> ms = new LinkedHashMap<>();
        for (Metric m : DAY_METRICS) {
          String res = USES.get(m.column());
          boolean ok = days.has(m.column()) && (res == null || uses(v, s, res));
          double[] x = new double[ok ? rs.size() : 0];
          for (int i = 0; i < x.length; i++) {
            x[i] = rs.get(i).getDouble(m.column()) * m.scale();
          }
          ms.put(m.column(), Describe.of(x));
        }
        double roomWait = days.has("mean_wait_room_s") && sessions > 0 ? waitSum / sessions / 60 : Double.NaN;
        rows.add(new ClinicRow(v, s, reps.size(), rs.size(), sessions, ms, roomWait, MeanCi.of(repWait, 0.95)));
      }
      for (String res : resources()) {
        for (String s : page.strategies()) {
          double[] w = steps.waitsS(v, s, res);
          if (w.length == 0) {
            continue;
          }
          int waiting = 0;
          for (int i = 0; i < w.length; i++) {
            waiting += w[i] > 0 ? 1 : 0;
            w[i] /= 60;
          }
          waits.add(new WaitRow(v, s, res, Describe.of(w), 100.0 * waiting / w.length));
        }
      }
      if (courses != null) {
        Table c = courses.variant(v);
        int target = target(v);
        for (String s : page.strategies()) {
          double[] d = startWaits(c, s);
          if (d.length == 0) {
            continue;
          }
          double beyond = Double.NaN;
          if (target >= 0) {
            int k = 0;
            for (double x : d) {
              k += x > target ? 1 : 0;
            }
            beyond = 100.0 * k / d.length;
          }
          starts.add(new StartWaitRow(v, s, Describe.of(d), target, beyond));
        }
      }
    }
  }

  private static double[] startWaits(Table c, String strategy) {
    List<Double> out = new ArrayList<>();
    for (Row r : ReportBuilder.rowsOf(c, strategy)) {
      if (r.get("start_wait_days") != null) {
        out.add(r.getDouble("start_wait_days"));
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private ClinicRow row(String variant, String strategy) {
    for (ClinicRow r : rows) {
      if (r.variant().equals(variant) && r.strategy().equals(strategy)) {
        return r;
      }
    }
    return null;
  }

  private WaitRow waitRow(String variant, String strategy, String resource) {
    for (WaitRow r : waits) {
      if (r.variant().equals(variant) && r.strategy().equals(strategy) && r.resource().equals(resource)) {
        return r;
      }
    }
    return null;
  }

  private StartWaitRow startRow(String variant, String strategy) {
    for (StartWaitRow r : starts) {
      if (r.variant().equals(variant) && r.strategy().equals(strategy)) {
        return r;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- clinic figures table

  /** The clinic figures section (tables only): throughput and rooms, waits, other resources. */
  String figures() {
    String title = run.hasFractions() ? "Clinic figures" : "Headline figures: the clinic";
    StringBuilder b = new StringBuilder(page.section("clinic-figures", title));
    if (days == null) {
      page.unavailable("clinic figures: not available (no clinic_days rows)");
      return b.append(page.notAvailable("Clinic figures", "the run has no clinic_days rows")).append("</section>\n")
          .toString();
    }
    b.append("<p>Per strategy (each strategy runs the whole clinic on its own), mean &plusmn; SD over treatment days "
        + "(every replication) of the daily figures in <code>clinic_days</code>.</p>\n");
    List<Metric> main = new ArrayList<>();
    List<Metric> more = new ArrayList<>();
    for (Metric m : DAY_METRICS) {
      if (days.has(m.column())) {
        (MAIN.contains(m.column()) || m.column().equals("patients_delayed") ? main : more).add(m);
      }
    }
    // throughput and rooms
    b.append(tableHead("<th>treatment days</th><th>sessions</th>" + heads(main)));
    for (ClinicRow r : rows) {
      b.append(rowHead(r.variant(), r.strategy())).append("<td>").append(r.days()).append("</td><td>")
          .append(r.sessions()).append("</td>");
      for (Metric m : main) {
        b.append(cell(r.metrics().get(m.column()), 1));
      }
      b.append("</tr>\n");
    }
    b.append("</tbody></table></div>\n");
    // waits
    List<String> waitRes = new ArrayList<>();
    for (String r : List.of("gpu", "physicist")) {
      if (resources().contains(r)) {
        waitRes.add(r);
      }
    }
    b.append("<p>Waits: for the room per session (the daily means weighted by the day's sessions); for a GPU server "
        + "or a physicist per request, from every step that held the resource (<code>steps</code> table)");
    if (courses != null) {
      b.append("; to start treatment, calendar days from the day a course was ready to its first fraction "
          + "(<code>courses</code> table), mean &plusmn; SD over courses, and the share of courses beyond the target");
    }
    b.append(". Distributions: see the sections below.</p>\n");
    boolean ci = rows.stream().anyMatch(r -> r.roomWaitCi().hasInterval());
    StringBuilder wh = new StringBuilder(th("Room wait", "min per session" + (ci ? " [95 % CI over replications]" : "")));
    for (String r : waitRes) {
      wh.append(th(resourceLabel(r) + " wait", "min per request"));
    }
    if (courses != null) {
      wh.append(th("Start wait", "days")).append(th("Beyond target", "% of courses"));
    }
    b.append(tableHead(wh.toString()));
    for (ClinicRow r : rows) {
      b.append(rowHead(r.variant(), r.strategy())).append("<td>").append(Html.num(r.roomWaitPerSessionMin(), 2));
      if (r.roomWaitCi().hasInterval()) {
        b.append(" <span class=\"unit\">[").append(Html.num(r.roomWaitCi().lower(), 2)).append(", ")
            .append(Html.num(r.roomWaitCi().upper(), 2)).append("]</span>");
      }
      b.append("</td>");
      for (String res : waitRes) {
        WaitRow w = waitRow(r.variant(), r.strategy(), res);
        b.append("<td>").append(w == null ? "<span class=\"na\">no " + Html.esc(noun(res)) + " steps</span>"
            : Html.num(w.waitMin().mean(), 2)).append("</td>");
      }
      if (courses != null) {
        StartWaitRow sw = startRow(r.variant(), r.strategy());
        b.append(sw == null ? "<td>\u2013</td><td>\u2013</td>" : cell(sw.days(), 1) + "<td>" + beyond(sw) + "</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</tbody></table></div>\n");
    // other resources
    if (!more.isEmpty()) {
      b.append("<p>Other resources (mean &plusmn; SD over treatment days; a utilisation only for strategies whose "
          + "workflow uses the resource):</p>\n");
      b.append(tableHead(heads(more)));
      for (ClinicRow r : rows) {
        b.append(rowHead(r.variant(), r.strategy()));
        for (Metric m : more) {
          b.append(cell(r.metrics().get(m.column()), 1));
        }
        b.append("</tr>\n");
      }
      b.append("</tbody></table></div>\n");
    }
    if (courses != null && target(run.variants().get(0)) < 0) {
      page.unavailable("share of courses beyond the start target: not available (" + facts.source() + ")");
    }
    return b.append("</section>\n").toString();
  }

  private static String beyond(StartWaitRow sw) {
    return sw.targetDays() < 0 ? "<span class=\"na\">target not known</span>"
        : Html.num(sw.beyondTargetPct(), 1) + " <span class=\"unit\">(&gt; " + sw.targetDays() + " d)</span>";
  }

  private String tableHead(String columns) {
    return "<div class=\"tw\"><table><thead><tr>" + (run.variants().size() > 1 ? "<th class=\"l\">variant</th>" : "")
        + "<th class=\"l\">strategy</th>" + columns + "</tr></thead><tbody>\n";
  }

  private String rowHead(String variant, String strategy) {
    return "<tr>" + (run.variants().size() > 1 ? "<td class=\"l\">" + Html.esc(variant) + "</td>" : "")
        + "<td class=\"l\">" + page.swatch(strategy) + Html.esc(strategy) + "</td>";
  }

  private static String heads(List<Metric> ms) {
    StringBuilder b = new StringBuilder();
    for (Metric m : ms) {
      b.append(th(m.shortLabel(), m.unit()));
    }
    return b.toString();
  }

  private static String th(String label, String unit) {
    return "<th>" + Html.esc(label) + "<br><span class=\"unit\">" + Html.esc(unit) + "</span></th>";
  }

  private static String cell(Describe d, int digits) {
    return "<td>" + (d == null || d.n() == 0 ? "\u2013" : Html.meanSd(d.mean(), d.sd(), digits)) + "</td>";
  }

  /** The resource as a noun inside a sentence: "GPU", "physicist", "therapist". */
  static String noun(String resource) {
    return switch (resource) {
      case "gpu" -> "GPU";
      case "therapists" -> "therapist";
      default -> resource;
    };
  }

  static String resourceLabel(String resource) {
    return switch (resource) {
      case "gpu" -> "GPU";
      case "physicist" -> "Physicist";
      case "therapists" -> "Therapist";
      default -> resource;
    };
  }

  // ---------------------------------------------------------------- clinic days

  /** Clinic days: throughput over the calendar, then per-day boxes. */
  String daysSection() {
    StringBuilder b = new StringBuilder(page.section("clinic", "Clinic days"));
    if (days == null) {
      page.unavailable("clinic days: not available (no clinic_days table)");
      return b.append(page.notAvailable("Clinic days", "the run has no clinic_days table")).append("</section>\n")
          .toString();
    }
    b.append("<p>One value per treatment day and strategy (every replication): each strategy runs the whole clinic "
        + "on its own.</p>\n");
    record Q(String column, String title, String axis, double scale, String caption) {
    }
    List<Q> qs = List.of(
        new Q("room_utilisation", "Room utilisation per day", "Room utilisation (% of opening hours)", 100,
            "Time the rooms are occupied by a patient over their opening hours, one value per day."),
        new Q("overtime_s", "Overtime per day", "Overtime (min, all rooms)", 1.0 / 60,
            "Time rooms are occupied after closing, summed over rooms, one value per day."),
        new Q("mean_wait_room_s", "Wait for the room, daily mean", "Room wait (min)", 1.0 / 60,
            "Mean wait from arrival until a room is free, one value per day."));
    for (String v : run.variants()) {
      Table t = days.variant(v);
      b.append(page.variantHeading(v)).append("<div class=\"grid\">\n");
      b.append(throughput(v, t));
      for (Q q : qs) {
        if (!ReportBuilder.hasValues(t, q.column())) {
          b.append(page.notAvailable(q.title(), "no values in clinic_days." + q.column()));
          continue;
        }
        List<BoxPlot.Group> groups = new ArrayList<>();
        for (String s : page.strategies()) {
          List<Row> rs = ReportBuilder.rowsOf(t, s);
          if (rs.isEmpty()) {
            continue;
          }
          double[] vals = new double[rs.size()];
          for (int i = 0; i < vals.length; i++) {
            vals[i] = rs.get(i).getDouble(q.column()) * q.scale();
          }
          groups.add(new BoxPlot.Group(s, page.palette().colour(s), vals));
        }
        if (!groups.isEmpty()) {
          b.append(page.boxes("clinic-" + q.column() + "-" + Html.slug(v), q.title() + page.suffix(v), q.caption(),
              q.axis(), groups, Double.NaN));
        }
      }
      b.append("</div>\n");
    }
    return b.append("</section>\n").toString();
  }

  /** Sessions per day over the calendar, mean over replications, one line per strategy. */
  private String throughput(String variant, Table t) {
    Set<Integer> reps = new TreeSet<>();
    for (Row r : t.rows()) {
      reps.add(r.getInt("replication"));
    }
    List<TimeSeriesPlot.Line> lines = new ArrayList<>();
    boolean sharing = false;
    for (String s : page.strategies()) {
      TreeMap<LocalDate, Double> sum = new TreeMap<>();
      for (Row r : ReportBuilder.rowsOf(t, s)) {
        sum.merge((LocalDate) r.get("day"), r.getDouble("patients_treated"), Double::sum);
      }
      if (sum.isEmpty()) {
        continue;
      }
      double[] y = new double[sum.size()];
      int i = 0;
      for (double x : sum.values()) {
        y[i++] = x / reps.size();
      }
      List<LocalDate> x = new ArrayList<>(sum.keySet());
      // strategies with the same value on every day (no backlog in either) share one line
      boolean merged = false;
      for (int k = 0; k < lines.size(); k++) {
        TimeSeriesPlot.Line l = lines.get(k);
        if (l.days().equals(x) && java.util.Arrays.equals(l.values(), y)) {
          lines.set(k, new TimeSeriesPlot.Line(l.label() + " = " + s, l.colour(), x, y));
          merged = true;
          sharing = true;
          break;
        }
      }
      if (!merged) {
        lines.add(new TimeSeriesPlot.Line(s, page.palette().colour(s), x, y));
      }
    }
    if (lines.isEmpty()) {
      return "";
    }
    String caption = "Sessions treated on each treatment day" + (reps.size() > 1 ? ", mean over the " + reps.size()
        + " replications (a replication without sessions that day counts 0)" : "") + "."
        + (sharing ? " Strategies with the same value on every day share one line (a = b)." : "");
    return page.figure("clinic-throughput-" + Html.slug(variant), "Sessions treated per day" + page.suffix(variant),
        caption, TimeSeriesPlot.chart("Sessions treated per day" + page.suffix(variant), "Sessions per day", lines,
            Double.NaN));
  }

  // ---------------------------------------------------------------- waits per resource

  /** Waits per request for each shared resource, from the steps table. */
  String waitsSection() {
    StringBuilder b = new StringBuilder(page.section("waits", "Waits per resource"));
    if (!run.hasSteps()) {
      page.unavailable("waits per resource: not available (no steps table)");
      return b.append(page.notAvailable("Waits per resource", "the run has no steps table")).append("</section>\n")
          .toString();
    }
    if (steps.isEmpty()) {
      page.unavailable("waits per resource: not available (no step holds a shared resource)");
      return b.append(page.notAvailable("Waits per resource", "no step of the steps table (" + steps.rows()
          + " rows) holds a shared resource")).append("</section>\n").toString();
    }
    b.append("<p>Every request of a shared resource (a workflow step that holds a GPU server, a physicist or the "
        + "therapists): the wait from the step being ready to its start, over every session of every replication ("
        + String.format(java.util.Locale.ROOT, "%,d", steps.rows()) + " step rows read). The rooms are not in "
        + "this table: see the room wait above.</p>\n");
    boolean many = run.variants().size() > 1;
    b.append("<div class=\"tw\"><table><thead><tr>");
    if (many) {
      b.append("<th class=\"l\">variant</th>");
    }
    b.append("<th class=\"l\">resource</th><th class=\"l\">strategy</th><th>requests</th>")
        .append(th("Waiting", "% of requests")).append(th("Mean", "min")).append(th("Median", "min"))
        .append(th("95th percentile", "min")).append(th("Max", "min")).append("</tr></thead><tbody>\n");
    for (String v : run.variants()) {
      for (String res : resources()) {
        for (String s : page.strategies()) {
          WaitRow w = waitRow(v, s, res);
          if (w == null) {
            continue;
          }
          b.append("<tr>");
          if (many) {
            b.append("<td class=\"l\">").append(Html.esc(v)).append("</td>");
          }
          Describe d = w.waitMin();
          b.append("<td class=\"l\">").append(Html.esc(res)).append("</td><td class=\"l\">").append(page.swatch(s))
              .append(Html.esc(s)).append("</td><td>").append(d.n()).append("</td><td>")
              .append(Html.num(w.waitingPct(), 1)).append("</td><td>").append(Html.num(d.mean(), 2)).append("</td><td>")
              .append(Html.num(d.median(), 2)).append("</td><td>").append(Html.num(d.q95(), 2)).append("</td><td>")
              .append(Html.num(d.max(), 2)).append("</td></tr>\n");
        }
      }
    }
    b.append("</tbody></table></div>\n");
    for (String v : run.variants()) {
      b.append(page.variantHeading(v)).append("<div class=\"grid\">\n");
      for (String res : resources()) {
        List<BoxPlot.Group> groups = new ArrayList<>();
        for (String s : page.strategies()) {
          if (row(v, s) == null && steps.requests(v, s, res) == 0) {
            continue;   // the strategy does not run in this variant
          }
          WaitRow w = waitRow(v, s, res);
          double[] vals = w == null ? new double[0] : minutes(steps.waitsS(v, s, res));
          groups.add(new BoxPlot.Group(s, page.palette().colour(s), vals, "(no " + noun(res) + " steps)"));
        }
        if (groups.stream().allMatch(g -> g.values().length == 0)) {
          continue;
        }
        String label = resourceLabel(res);
        b.append(page.boxes("wait-" + Html.slug(res) + "-" + Html.slug(v), label + " wait per request" + page.suffix(v),
            "Wait for " + (res.equals("therapists") ? "the therapists" : "a " + (res.equals("gpu") ? "GPU server" : res))
                + " at each request, every session of every replication.", label + " wait (min)", groups, Double.NaN));
      }
      b.append("</div>\n");
    }
    return b.append("</section>\n").toString();
  }

  private static double[] minutes(double[] s) {
    for (int i = 0; i < s.length; i++) {
      s[i] /= 60;
    }
    return s;
  }

  // ---------------------------------------------------------------- start wait

  /** Waiting time to start treatment (capacity runs); empty when the run has none. */
  String startSection() {
    if (courses == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(page.section("start-wait", "Waiting time to start treatment"));
    b.append("<p>Calendar days from the day a course was ready (referral plus the lead time for contouring, "
        + "planning and QA) to its first fraction, one value per course (every replication).");
    int t0 = target(run.variants().get(0));
    if (t0 >= 0) {
      b.append(" Target: a course starting more than <b>").append(t0).append(" days</b> after it was ready counts "
          + "as delayed (scenario field <code>arrivals.targetStartDays</code>; ").append(Html.esc(facts.source()))
          .append(").");
    } else {
      b.append(" The scenario's target (<code>arrivals.targetStartDays</code>) is not known to this report ("
          + Html.esc(facts.source()) + "): give it with <code>--target-start-days N</code>.");
    }
    b.append("</p>\n");
    boolean many = run.variants().size() > 1;
    b.append("<div class=\"tw\"><table><thead><tr>");
    if (many) {
      b.append("<th class=\"l\">variant</th>");
    }
    b.append("<th class=\"l\">strategy</th><th>courses</th>").append(th("Mean \u00b1 SD", "days"))
        .append(th("Median [IQR]", "days")).append(th("95th percentile", "days")).append(th("Max", "days"))
        .append(th("Beyond target", "% of courses")).append("</tr></thead><tbody>\n");
    for (StartWaitRow r : starts) {
      Describe d = r.days();
      b.append("<tr>");
      if (many) {
        b.append("<td class=\"l\">").append(Html.esc(r.variant())).append("</td>");
      }
      b.append("<td class=\"l\">").append(page.swatch(r.strategy())).append(Html.esc(r.strategy())).append("</td><td>")
          .append(d.n()).append("</td><td>").append(Html.meanSd(d.mean(), d.sd(), 1)).append("</td><td>")
          .append(Html.num(d.median(), 1)).append(" [").append(Html.num(d.q25(), 1)).append(", ")
          .append(Html.num(d.q75(), 1)).append("]</td><td>").append(Html.num(d.q95(), 1)).append("</td><td>")
          .append(Html.num(d.max(), 0)).append("</td><td>")
          .append(beyond(r)).append("</td></tr>\n");
    }
    b.append("</tbody></table></div>\n");
    for (String v : run.variants()) {
      List<BoxPlot.Group> groups = new ArrayList<>();
      for (String s : page.strategies()) {
        StartWaitRow r = startRow(v, s);
        if (r != null) {
          groups.add(new BoxPlot.Group(s, page.palette().colour(s), startWaits(courses.variant(v), s)));
        }
      }
      if (groups.isEmpty()) {
        continue;
      }
      int target = target(v);
      b.append(page.variantHeading(v)).append("<div class=\"grid\">\n");
      b.append(page.boxes("start-wait-" + Html.slug(v), "Waiting time to start treatment" + page.suffix(v),
          "Days from ready to the first fraction, one point per course"
              + (target >= 0 ? "; dashed line: the target (" + target + " days)." : "."), "Start wait (days)",
          groups, target >= 0 ? target : Double.NaN));
      b.append("</div>\n");
    }
    return b.append("</section>\n").toString();
  }
}
