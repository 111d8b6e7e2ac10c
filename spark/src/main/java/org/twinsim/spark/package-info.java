/**
 * The scale-out run engine on Apache Spark ({@code --engine spark}). Start from
 * {@link org.twinsim.spark.SparkRunEngine}: each unit of work (DESIGN.md: (variant, replication)
 * clinic units, (variant, replication, patient) patient units, (variant, replication, strategy)
 * timing-only units) becomes a Spark task ({@link org.twinsim.spark.UnitTask}) that calls the same
 * unit function as the local engine and writes the same Parquet parts; the driver does the local
 * engine's bookkeeping ({@link org.twinsim.engine.run.RunLedger}). Variants travel to the
 * executors as JSON ({@link org.twinsim.spark.VariantCodec}); the clinic unit's context is
 * recomputed per executor from its coordinates ({@link org.twinsim.spark.ExecutorState}).
 * Settings: {@link org.twinsim.spark.SparkSettings}; deliberate failures for tests and demos:
 * {@link org.twinsim.spark.FaultInjection}.
 */
package org.twinsim.spark;
