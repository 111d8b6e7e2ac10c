/**
 * The twin as a safety layer. Machine side: {@link org.twinsim.model.qa.MachineQaTwin} watches daily
 * QA with statistical process control ({@link org.twinsim.model.qa.IndividualsChart} Shewhart I chart,
 * {@link org.twinsim.model.qa.TabularCusum}) against AAPM TG-224 tolerances, scored against the true
 * machine state ({@link org.twinsim.model.qa.MachineDrift}, {@link org.twinsim.model.qa.MachineState}).
 */
package org.twinsim.model.qa;
