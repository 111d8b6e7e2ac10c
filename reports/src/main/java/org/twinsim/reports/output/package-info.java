/** A run's output folder, staged and moved into place when complete ({@link org.twinsim.reports.output.RunDirectory}). */
package org.twinsim.reports.output;
