package org.twinsim.model.planning;

/**
 * How robust objectives are combined over scenarios (Fredriksson 2012, Med Phys 39:5169, "A
 * characterization of robust radiation therapy treatment planning methods").
 */
public enum RobustMode {
  /** Minimise the worst scenario's sum of robust objectives (composite worst case, minimax). */
  MINIMAX,
  /** Minimise the mean over scenarios (expected value, equal probabilities). */
  EXPECTED_VALUE
}
