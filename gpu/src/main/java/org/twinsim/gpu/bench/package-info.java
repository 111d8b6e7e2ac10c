/**
 * The benchmark harness behind {@code twinsim bench}: {@link org.twinsim.gpu.bench.BenchHarness}
 * (start here) times each kernel on the CPU and the GPU over {@link org.twinsim.gpu.bench.SyntheticInputs}
 * on a {@link org.twinsim.gpu.bench.BenchGrid}, with warm-up, medians and quartiles
 * ({@link org.twinsim.gpu.bench.TimingStats}), bytes moved and the fraction of the GPU's peak DRAM
 * bandwidth, and the composite workloads on a {@link org.twinsim.gpu.bench.BenchPatient} (a virtual
 * patient, one fraction's CBCT, a robust plan library): the deformable registration, a plan's dose
 * and the digital twin's whole per-fraction decision ({@link org.twinsim.gpu.bench.PlanOfTheDayPipeline});
 * {@link org.twinsim.gpu.bench.HardwareFingerprint} records the machine and
 * {@link org.twinsim.gpu.bench.RegressionCheck} compares medians with a baseline run. The rows go to
 * bench.parquet through the reports module (wired by the command line, which depends on both).
 */
package org.twinsim.gpu.bench;
