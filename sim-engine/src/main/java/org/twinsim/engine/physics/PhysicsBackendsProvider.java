package org.twinsim.engine.physics;

import java.util.function.Consumer;

/**
 * Service interface of a module that provides compute backends (the gpu module registers one in
 * {@code META-INF/services}). It must never throw for want of a device: it falls back to the CPU
 * and says why through {@code warnings}.
 */
public interface PhysicsBackendsProvider {
  /** Backends for a preference: "auto" (GPU when present) or "gpu" (GPU, else the CPU with a warning). */
  PhysicsBackends open(String preference, Consumer<String> warnings);
}
