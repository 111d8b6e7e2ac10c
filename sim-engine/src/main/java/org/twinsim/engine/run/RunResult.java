package org.twinsim.engine.run;

import java.nio.file.Path;
import org.twinsim.reports.manifest.RunManifest;
import org.twinsim.reports.table.Table;

/**
 * A finished run: where it was written, its manifest, and the rows it wrote (all variants and
 * replications together; the {@code variant} is not a column, see {@link #variant()}).
 */
public record RunResult(Path outDir, RunManifest manifest, String variant, Table fractions, Table courses,
                        Table steps, Table clinicDays) {
}
