package org.twinsim.engine.run;

import java.nio.file.Path;
import java.util.Map;
import org.twinsim.engine.scenario.Scenario;
import org.twinsim.reports.manifest.RunManifest;
import org.twinsim.reports.table.Table;

/**
 * A finished run: where it was written, its manifest, the scenario of its first variant, and
 * the rows it wrote per variant (all replications together). The steps rows are only on disk.
 *
 * @param safetySummary the safety_summary rows (safety layer on), else null
 */
public record RunResult(Path outDir, RunManifest manifest, Scenario scenario, Map<String, VariantTables> variants,
                        Table sweepSummary, Table safetySummary) {

  public RunResult(Path outDir, RunManifest manifest, Scenario scenario, Map<String, VariantTables> variants,
                   Table sweepSummary) {
    this(outDir, manifest, scenario, variants, sweepSummary, null);
  }

  /** The fractions of a single-variant run (or of the first variant). */
  public Table fractions() {
    return variants.values().iterator().next().fractions();
  }

  /** The courses of a single-variant run (or of the first variant). */
  public Table courses() {
    return variants.values().iterator().next().courses();
  }

  /** The clinic days of a single-variant run (or of the first variant). */
  public Table clinicDays() {
    return variants.values().iterator().next().clinicDays();
  }
}
