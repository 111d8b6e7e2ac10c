/**
 * Running a scenario: units of work ({@link org.twinsim.engine.run.UnitCoordinates}) in three phases
 * - {@link org.twinsim.engine.run.PatientUnit} (decide), the clinic model (schedule) and
 * {@link org.twinsim.engine.run.DeliveryUnit} (deliver) - orchestrated on this machine by
 * {@link org.twinsim.engine.run.LocalRunner}, which writes one Parquet part per unit and the manifest.
 */
package org.twinsim.engine.run;
