/**
 * The strategies compared on the same patients and days: {@link org.twinsim.engine.strategy.NonAdaptiveStrategy},
 * {@link org.twinsim.engine.strategy.OnlineReplanStrategy} and the plan-of-the-day
 * {@link org.twinsim.engine.strategy.LibraryStrategy} (digital twin and oracle). Each is a
 * {@link org.twinsim.engine.strategy.Strategy}: a workflow of steps and a decision per fraction.
 */
package org.twinsim.engine.strategy;
