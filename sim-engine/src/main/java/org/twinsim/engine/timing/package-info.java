/**
 * The timing model: workflow steps ({@link org.twinsim.engine.timing.StepKind}) and their
 * durations, sampled from scenario distributions ({@link org.twinsim.engine.timing.DistributionSpec},
 * {@link org.twinsim.engine.timing.SampledStepDurations}) or measured on this machine.
 */
package org.twinsim.engine.timing;
