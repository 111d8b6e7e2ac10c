/**
 * Virtual prostate patients and their daily anatomy with its ground truth. Start from
 * {@link org.twinsim.model.anatomy.MotionModel}: the per-patient systematic and per-fraction random
 * setup error, prostate motion, rotation and organ filling drawn from
 * {@link org.twinsim.model.anatomy.AnatomyVariation} (defaults: Graf et al. 2009, van Herk 2004),
 * and {@link org.twinsim.model.anatomy.DriftPath} for intra-fraction drift (random walk,
 * Ballhausen et al. 2015).
 */
package org.twinsim.model.anatomy;
