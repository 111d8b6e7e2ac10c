/**
 * The clinic's measurement of each day: a {@link org.twinsim.engine.observe.ClinicObserver} turns the
 * true anatomy into a {@link org.twinsim.engine.observe.FractionObservation} (registration result).
 * Strategies decide from it; outcomes are scored on the truth it carries.
 */
package org.twinsim.engine.observe;
