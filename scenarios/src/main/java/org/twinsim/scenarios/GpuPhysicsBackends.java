package org.twinsim.scenarios;

import java.util.Map;
import java.util.function.Consumer;
import org.twinsim.gpu.BackendPreference;
import org.twinsim.gpu.ComputeBackend;
import org.twinsim.model.dose.BeamModel;
import org.twinsim.model.dose.DoseEngine;
import org.twinsim.model.dose.DoseEngineParams;
import org.twinsim.model.registration.DeformableRegistration;

/**
 * The course replay's backends from a {@link ComputeBackend}: the GPU registration and dose when a
 * usable GPU is present (each GPU step falls back to the CPU on failure), else the CPU references.
 * Registered as the engine's provider of backends; it lives in this module because neither the
 * engine nor the GPU module may depend on the other (DESIGN.md).
 */
public final class GpuPhysicsBackends implements org.twinsim.engine.physics.PhysicsBackends {
  private final ComputeBackend backend;

  GpuPhysicsBackends(ComputeBackend backend) {
    this.backend = backend;
  }

  @Override
  public DeformableRegistration deformableRegistration() {
    return backend.deformableRegistration();
  }

  @Override
  public DoseEngine doseEngine() {
    return backend.doseEngine(BeamModel.defaults(), DoseEngineParams.defaults().withThreads(1));
  }

  @Override
  public Map<String, String> manifestEntries() {
    return backend.choice().manifestEntries();
  }

  /** The service provider: opens the compute backend once per preference. */
  public static final class Provider implements org.twinsim.engine.physics.PhysicsBackendsProvider {
    @Override
    public org.twinsim.engine.physics.PhysicsBackends open(String preference, Consumer<String> warnings) {
      return new GpuPhysicsBackends(ComputeBackend.open(BackendPreference.parse(preference), warnings));
    }
  }
}
