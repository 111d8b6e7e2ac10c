package org.twinsim.model.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.twinsim.model.anatomy.StructureNames;
import org.twinsim.model.geometry.Grid3;
import org.twinsim.model.geometry.Vec3;
import org.twinsim.model.geometry.Volume;

/** Rigid bone registration against known setup errors (issue 5: within 0.5 mm). */
class RigidRegistrationTest {

  private static RigidResult register(PelvisPhantom.Case c, RigidParameters p, boolean[] bone) {
    return new RigidRegistration().register(
        new RegistrationInput(c.cbct(), c.planningCt(), RigidTransform.IDENTITY, null, c.fov()), null, bone, p,
        RegistrationListener.NONE);
  }

  /** Setup error plus soft-tissue deformation (prostate, rectum, bladder filling) on a CBCT-like image. */
  @Test
  void recoversTheSetupShiftWithinHalfAMillimetre() {
    for (int id = 0; id < 3; id++) {
      PelvisPhantom.Case c = PelvisPhantom.cbctCase(id);
      RigidResult r = register(c, RigidParameters.defaults(), null);
      Vec3 expected = c.deformation().setupMm().times(-1); // the couch shift corrects the setup error
      double err = r.couchShiftMm().minus(expected).norm();
      System.out.printf("RigidRegistrationTest case %d: couch shift %s, expected %s, error %.3f mm, %.2f s%n",
          id, r.couchShiftMm(), expected, err, r.seconds());
      assertTrue(err < 0.5, "couch shift error " + err + " mm");
      assertEquals(Vec3.ZERO, r.couchRotationDeg());
    }
  }

  /** Six degrees of freedom: a rotation of up to 2 degrees about the isocentre and a shift. */
  @Test
  void recoversRotationsAboutTheIsocentre() {
    Grid3 g = PelvisPhantom.grid4mm();
    Vec3 iso = Vec3.of(g.centreMm());
    RigidTransform truth = new RigidTransform(new Vec3(2.7, -3.4, 1.9),
        new Vec3(Math.toRadians(1.5), Math.toRadians(-1.0), Math.toRadians(2.0)), iso);
    PelvisPhantom.Case c = PelvisPhantom.build(g, PelvisPhantom.Deformation.rigid(truth),
        PelvisPhantom.CbctModel.TYPICAL, 42, 99);
    RigidResult r = new RigidRegistration().register(
        new RegistrationInput(c.cbct(), c.planningCt(), RigidTransform.IDENTITY, null, c.fov()), iso, null,
        RigidParameters.defaults().withRotations(true), RegistrationListener.NONE);
    assertTrue(r.couchShiftMm().minus(truth.translationMm()).norm() < 0.5, "shift " + r.transform());
    Vec3 rot = r.transform().rotationRad();
    assertEquals(truth.rotationRad().x(), rot.x(), Math.toRadians(0.2));
    assertEquals(truth.rotationRad().y(), rot.y(), Math.toRadians(0.2));
    assertEquals(truth.rotationRad().z(), rot.z(), Math.toRadians(0.2));
  }

  /** A delineated bone mask instead of the HU threshold gives the same answer. */
  @Test
  void boneMaskFromStructuresWorksLikeTheThreshold() {
    PelvisPhantom.Case c = PelvisPhantom.cbctCase(1);
    boolean[] bone = RegistrationAccuracy.union(c.planningLabels(),
        List.of(StructureNames.PELVIC_BONE, StructureNames.FEMORAL_HEAD_L, StructureNames.FEMORAL_HEAD_R));
    RigidResult r = register(c, RigidParameters.defaults(), bone);
    assertTrue(r.couchShiftMm().minus(c.deformation().setupMm().times(-1)).norm() < 0.5);
  }

  @Test
  void noBoneOrNoOverlapIsAClearError() {
    PelvisPhantom.Case c = PelvisPhantom.cbctCase(0);
    RegistrationException e = assertThrows(RegistrationException.class,
        () -> register(c, RigidParameters.defaults().withBoneThresholdHu(2500), null));
    assertTrue(e.getMessage().contains("no bone"), e.getMessage());
    Grid3 far = new Grid3(40, 40, 40, 4, 4, 4, 5000, 5000, 5000);
    Volume elsewhere = new Volume(far);
    assertThrows(RegistrationException.class, () -> new RigidRegistration().register(
        new RegistrationInput(c.cbct(), elsewhere, RigidTransform.IDENTITY, null, null), RigidParameters.defaults()));
  }
}
