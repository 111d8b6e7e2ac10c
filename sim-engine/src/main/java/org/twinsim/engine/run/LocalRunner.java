package org.twinsim.engine.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.twinsim.engine.physics.PriorTraining;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.model.twin.PopulationPrior;

/**
 * Runs scenario variants on this machine. For each (variant, replication):
 * <ul>
 *   <li>courses mode: with measured compute timing, a first pass over the patients measures the
 *   compute steps; then the clinic unit (the event model of every strategy) and the patient units
 *   (in parallel), each written as its own parts;</li>
 *   <li>capacity and queue modes: one timing-only unit per strategy, in parallel.</li>
 * </ul>
 * The bookkeeping (which units are done, the partial folder kept for {@code --resume}, the sweep
 * tables, the manifest) is the {@link RunLedger}'s, shared with the other engines. A unit that
 * fails is reported with its coordinates; the others still run, and the run then ends with an
 * {@link IncompleteRunException}.
 */
public final class LocalRunner implements RunEngine {
  /** Name of the only variant of a run without a sweep. */
  public static final String BASE_VARIANT = "base";

  @Override
  public String name() {
    return "local";
  }

  /** Runs one scenario (the single variant "base"). */
  public RunResult run(Scenario s, RunOptions o) throws IOException {
    return run(List.of(Variant.base(s)), o);
  }

  /** Runs every variant (a sweep) with the same replications and seeds (common random numbers). */
  @Override
  public RunResult run(List<Variant> variants, RunOptions o) throws IOException {
    RunLedger ledger = RunLedger.open(variants, o);
    ExecutorService pool = Executors.newFixedThreadPool(o.threads(), r -> {
      Thread t = new Thread(r, "twinsim-unit");
      t.setDaemon(true);
      return t;
    });
    try {
      Map<WorkUnit, UnitWork.Output> outputs = new ConcurrentHashMap<>();
      Map<String, List<WorkUnit>> todo = new LinkedHashMap<>();
      for (WorkUnit u : ledger.todo()) {
        todo.computeIfAbsent(u.variantIndex() + "/" + u.replication(), k -> new ArrayList<>()).add(u);
      }
      for (List<WorkUnit> rep : todo.values()) {
        Variant v = ledger.variant(rep.get(0));
        Replication r = new Replication(ledger, v, rep.get(0).replication(), pool, o.progress(), outputs);
        if (v.scenario().replaysCourses()) {
          r.courses(rep);
        } else {
          r.timingOnly(rep);
        }
      }
      return ledger.finish(name(), List.of(), outputs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ledger.incomplete(null, "interrupted");
    } finally {
      pool.shutdownNow();
    }
  }

  /** The units of one (variant, replication) still to run. */
  private static final class Replication {
    private final RunLedger ledger;
    private final Variant v;
    private final Scenario s;
    private final int rep;
    private final ExecutorService pool;
    private final ProgressListener progress;
    private final Map<WorkUnit, UnitWork.Output> outputs;
    private final PartSink sink;

    Replication(RunLedger ledger, Variant v, int rep, ExecutorService pool, ProgressListener progress,
                Map<WorkUnit, UnitWork.Output> outputs) {
      this.ledger = ledger;
      this.v = v;
      this.s = v.scenario();
      this.rep = rep;
      this.pool = pool;
      this.progress = progress;
      this.outputs = outputs;
      this.sink = ledger.sink(v);
    }

    private String label(String phase) {
      String p = v.name().equals(BASE_VARIANT) ? phase : v.name() + " " + phase;
      return s.replications() > 1 ? p + " r" + rep : p;
    }

    /**
     * Courses mode: the clinic unit's context (computed even when only patient units remain: they
     * need its session times), then the units; with measured compute timing a first pass over the
     * patients measures the compute the clinic unit schedules with.
     */
    void courses(List<WorkUnit> units) throws InterruptedException {
      int patients = s.cohort().patients();
      int nf = s.fractionation().fractions();
      ReplicationContext ctx;
      try {
        Map<String, Double> measured = null;
        if (s.timing().compute().equals("measured")) {
          PopulationPrior prior = s.physics().isFull() ? PriorTraining.train(s, rep) : null;
          progress.start(label("measure") + " (patient-fractions)", (long) patients * nf);
          List<Future<Map<String, Double>>> fs = new ArrayList<>();
          for (int p = 0; p < patients; p++) {
            int patient = p;
            fs.add(pool.submit(() -> CourseUnits.measure(v, rep, patient, prior, progress)));
          }
          measured = new HashMap<>();
          for (Future<Map<String, Double>> f : fs) {
            measured.putAll(f.get());
          }
          progress.finish();
        }
        ctx = CourseUnits.clinic(v, rep, measured);
      } catch (ExecutionException | RuntimeException | Error e) {
        progress.finish();
        String err = "the clinic unit's context failed: " + RunLedger.describe(e);
        for (WorkUnit u : units) {
          ledger.failed(u, err);
        }
        return;
      }
      List<WorkUnit> patientUnits = new ArrayList<>();
      for (WorkUnit u : units) {
        if (u.kind() == WorkUnit.Kind.CLINIC) {
          attempt(u, () -> UnitWork.clinic(u, ctx, sink));
        } else {
          patientUnits.add(u);
        }
      }
      if (patientUnits.isEmpty()) {
        return;
      }
      long work = (long) patientUnits.size() * nf * (s.physics().isFull() ? 1 : s.strategies().size());
      progress.start(label("replay") + " (patient-fractions)", work);
      List<Future<?>> fs = new ArrayList<>();
      for (WorkUnit u : patientUnits) {
        fs.add(pool.submit(() -> attempt(u, () -> UnitWork.patient(u, ctx, sink, progress))));
      }
      await(fs);
      progress.finish();
    }

    /** Capacity and queue modes: one timing-only unit per strategy, in parallel. */
    void timingOnly(List<WorkUnit> units) throws InterruptedException {
      progress.start(label("clinic") + " (strategies)", units.size());
      List<Future<?>> fs = new ArrayList<>();
      for (WorkUnit u : units) {
        fs.add(pool.submit(() -> {
          attempt(u, () -> UnitWork.strategy(u, v, sink));
          progress.advance(1);
        }));
      }
      await(fs);
      progress.finish();
    }

    /** Runs a unit; records its parts, or its error with its coordinates. */
    private void attempt(WorkUnit u, Callable<UnitWork.Output> work) {
      try {
        UnitWork.Output out = work.call();
        outputs.put(u, out);
        ledger.completed(u, out.parts());
      } catch (Exception | Error e) {
        ledger.failed(u, RunLedger.describe(e));
      }
    }

    private static void await(List<Future<?>> fs) throws InterruptedException {
      for (Future<?> f : fs) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("unit wrapper failed", e.getCause());
        }
      }
    }
  }

  static String capacityPatientId(int p) {
    return String.format("CP-%05d", p + 1);
  }

  static String walkInId(int p) {
    return String.format("WI-%07d", p + 1);
  }
}
