package org.twinsim.engine.run;

import java.util.List;
import java.util.Map;
import org.twinsim.engine.observe.FractionObservation;
import org.twinsim.engine.strategy.Decision;
import org.twinsim.model.anatomy.MotionModel;

/**
 * What phase 1 (decide) produced for one patient: every fraction's observation and each
 * strategy's decision on it.
 *
 * @param unit the unit's coordinates
 * @param patientId pseudonymous id
 * @param motion the patient's motion model (truth, and intra-fraction drift paths)
 * @param observations per fraction, in order
 * @param decisions per strategy name, per fraction in order
 */
public record PatientDecisions(UnitCoordinates unit, String patientId, MotionModel motion,
                               List<FractionObservation> observations, Map<String, List<Decision>> decisions) {
}
