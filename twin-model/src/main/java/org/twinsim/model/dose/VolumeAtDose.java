package org.twinsim.model.dose;

/**
 * V_x: the part of a structure receiving at least a dose.
 *
 * @param doseGy the dose level, Gy
 * @param dosePercent the same level in % of the prescription
 * @param volumePercent volume at or above it, % of the structure
 * @param volumeCc volume at or above it, cm^3
 */
public record VolumeAtDose(double doseGy, double dosePercent, double volumePercent, double volumeCc) {
}
