/**
 * Voxel geometry in DICOM patient coordinates: {@link org.twinsim.model.geometry.Grid3} (the grid),
 * {@link org.twinsim.model.geometry.Volume} (float voxels), {@link org.twinsim.model.geometry.LabelMap}
 * (structures as a label tree), {@link org.twinsim.model.geometry.VectorField} (displacements in mm,
 * backward mapping) and {@link org.twinsim.model.geometry.Warp} (warping, composition, Jacobian, Dice).
 * Start from {@code Grid3}: it fixes axes, units and memory layout for everything else.
 */
package org.twinsim.model.geometry;
