package org.twinsim.engine.physics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.twinsim.model.dose.CpuPencilBeamEngine;
import org.twinsim.model.dose.DoseEngine;
import org.twinsim.model.registration.DeformableRegistration;
import org.twinsim.model.registration.DemonsRegistration;

/**
 * The compute backends of the course replay's kernels (deformable registration, dose), behind
 * twin-model's interfaces, so the engine never depends on the GPU module: a
 * {@link PhysicsBackendsProvider} found by {@link ServiceLoader} (the gpu module registers one
 * that uses the GPU when present and the scenario allows) or, without one, the CPU references.
 * One instance per process and preference; the backends it hands out are one per patient.
 */
public interface PhysicsBackends {
  /** A new deformable registration for one patient's course (it may keep device buffers). */
  DeformableRegistration deformableRegistration();

  /** A new dose engine for one patient's course. */
  DoseEngine doseEngine();

  /** Kernel -> backend entries for the run manifest (e.g. "registration" -> "gpu: NVIDIA H100"). */
  Map<String, String> manifestEntries();

  /** The CPU references (single-threaded per patient: patients run in parallel). */
  PhysicsBackends CPU = new PhysicsBackends() {
    @Override
    public DeformableRegistration deformableRegistration() {
      return new DemonsRegistration();
    }

    @Override
    public DoseEngine doseEngine() {
      return new CpuPencilBeamEngine().withThreads(1);
    }

    @Override
    public Map<String, String> manifestEntries() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("registration", "cpu");
      m.put("dose", "cpu");
      return m;
    }
  };

  /** Opened backends per preference, shared by the units of this process. */
  Map<String, PhysicsBackends> OPENED = new ConcurrentHashMap<>();

  /**
   * The backends for a scenario's preference ("auto", "cpu" or "gpu"): the first provider found,
   * else the CPU (when "gpu" was asked for, a warning says so).
   */
  static PhysicsBackends forPreference(String preference, Consumer<String> warnings) {
    return OPENED.computeIfAbsent(preference, p -> {
      if (p.equals("cpu")) {
        return CPU;
      }
      for (PhysicsBackendsProvider provider : ServiceLoader.load(PhysicsBackendsProvider.class)) {
        return provider.open(p, warnings);
      }
      if (p.equals("gpu")) {
        warnings.accept("physics.backend gpu: no GPU backend on the classpath, using the CPU");
      }
      return CPU;
    });
  }
}
