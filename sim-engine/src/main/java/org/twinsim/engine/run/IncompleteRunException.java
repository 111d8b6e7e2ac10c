package org.twinsim.engine.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A run that could not write every unit: no manifest was written and the output folder was not
 * created; the complete units' parts are kept in the partial folder for {@code --resume}. The
 * message names each unit that failed for good (coordinates and error) and each missing unit.
 */
public final class IncompleteRunException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient Map<WorkUnit, String> failures;
  private final transient List<WorkUnit> missing;
  private final transient Path partial;

  IncompleteRunException(String message, Map<WorkUnit, String> failures, List<WorkUnit> missing, Path partial) {
    super(message);
    this.failures = Map.copyOf(failures);
    this.missing = List.copyOf(missing);
    this.partial = partial;
  }

  /** Units that failed for good, with their error. */
  public Map<WorkUnit, String> failures() {
    return failures;
  }

  /** Units whose parts are not all written (failed ones included). */
  public List<WorkUnit> missing() {
    return missing;
  }

  /** The kept partial folder ({@code .NAME.partial}). */
  public Path partial() {
    return partial;
  }
}
