/**
 * Pictures for people: PNG figures of CT-like volumes with structure outlines, so that a physicist
 * can judge at a glance whether an anatomy, a deformation or a registration is plausible. Start
 * from {@link org.twinsim.model.viz.SliceFigure} (generic panels and slices) or
 * {@link org.twinsim.model.viz.AnatomyFigures} (planning CT vs true day vs CBCT of a virtual
 * patient; also a command-line entry point). Rendering uses java.awt and ImageIO only and works
 * headless.
 */
package org.twinsim.model.viz;
