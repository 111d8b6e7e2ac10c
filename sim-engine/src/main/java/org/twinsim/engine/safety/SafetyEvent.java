package org.twinsim.engine.safety;

import org.twinsim.model.geometry.Vec3;

/**
 * One injected anomaly with its truth.
 *
 * @param eventId id unique within the run's replication and patient, e.g. {@code VP-003-e02}
 * @param kind what was injected
 * @param recurring whether it recurs every fraction until a hold corrects it (a per-course anomaly)
 * @param startFraction first affected fraction, 0-based
 * @param endFraction last affected fraction, 0-based
 * @param sizeMm size, mm
 * @param vectorMm the displacement, patient axes, mm
 * @param detectedFraction first fraction with a hold matched to it, 0-based, or -1 if never held
 * @param firstAlertFraction first fraction with an alert of review or hold matched to it, or -1
 */
public record SafetyEvent(String eventId, AnomalyKind kind, boolean recurring, int startFraction, int endFraction,
                          double sizeMm, Vec3 vectorMm, int detectedFraction, int firstAlertFraction) {
  /** Whether the event affects fraction {@code f}. */
  public boolean activeAt(int f) {
    return f >= startFraction && f <= endFraction;
  }
}
