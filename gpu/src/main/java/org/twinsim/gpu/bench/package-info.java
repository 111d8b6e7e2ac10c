/**
 * The benchmark harness behind {@code twinsim bench}: {@link org.twinsim.gpu.bench.BenchHarness}
 * (start here) times each kernel on the CPU and the GPU over {@link org.twinsim.gpu.bench.SyntheticInputs}
 * on a {@link org.twinsim.gpu.bench.BenchGrid}, with warm-up, medians and quartiles
 * ({@link org.twinsim.gpu.bench.TimingStats}), bytes moved and the fraction of the GPU's peak DRAM
 * bandwidth; {@link org.twinsim.gpu.bench.HardwareFingerprint} records the machine and
 * {@link org.twinsim.gpu.bench.RegressionCheck} compares medians with a baseline run. The rows go to
 * bench.parquet through the reports module (wired by the command line, which depends on both).
 */
package org.twinsim.gpu.bench;
