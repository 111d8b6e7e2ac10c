package org.twinsim.engine.physics;

import java.util.Map;
import org.twinsim.engine.observe.FractionObservation;
import org.twinsim.model.twin.Forecast;

/**
 * One fraction of one patient with the full physics: what the clinic observed (registration on the
 * CBCT), what the twin forecast before the CBCT, and every strategy's outcome.
 *
 * @param observation registration result with its errors against the truth
 * @param forecast the twin's forecast for this fraction, made from the earlier fractions (TRUE_SHIFT target)
 * @param library setup margins of the plan library in use, e.g. "1.5/3.0/5.0"
 * @param measuredTwinS wall time of the twin's update and forecast, s
 * @param measuredSelectionS wall time of the library dose recomputation and selection, s
 * @param outcomes per strategy name
 * @param measurementForecast the twin's forecast of this fraction's measured shift (MEASUREMENT
 *     target, same level), made from the earlier fractions: what the safety layer's position detector compares with
 */
public record FractionPhysics(FractionObservation observation, Forecast forecast, String library, double measuredTwinS,
                              double measuredSelectionS, Map<String, StrategyOutcome> outcomes,
                              Forecast measurementForecast) {
}
