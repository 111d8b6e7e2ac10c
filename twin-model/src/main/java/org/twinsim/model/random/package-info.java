/**
 * Named MRG32k3a random streams keyed by coordinates (seed, purpose, replication, patient, ...),
 * the basis of reproducibility and of common random numbers across strategies. Start from
 * {@link org.twinsim.model.random.RandomStreams#stream}.
 */
package org.twinsim.model.random;
