package org.twinsim.model.random;

import java.nio.charset.StandardCharsets;
import umontreal.ssj.rng.MRG32k3a;
import umontreal.ssj.rng.RandomStream;

/**
 * Named MRG32k3a streams (L'Ecuyer 1999, Oper. Res. 47:159) seeded by coordinates alone.
 *
 * <p>Every random draw of the testbed comes from a stream identified by the run seed, a purpose
 * ("anatomy.setup", "timing.setup", ...) and integer coordinates (replication, patient,
 * fraction...). The stream's six-word MRG32k3a seed is derived from those by a 64-bit hash
 * (FNV-1a over the purpose, mixed with SplitMix64, Steele et al. 2014), so a unit of work gives the
 * same draws wherever and whenever it runs, independent of thread scheduling or of which other
 * units ran before it. Strategies of one patient share the anatomy streams (common random numbers)
 * because the strategy is not a coordinate of those streams.
 */
public final class RandomStreams {
  private static final long M1 = 4294967087L;
  private static final long M2 = 4294944443L;
  /** Cloned for every new stream: cloning skips the constructor's jump-ahead of the package seed. */
  private static final MRG32k3a TEMPLATE = new MRG32k3a();

  private RandomStreams() {
  }

  /**
   * A fresh stream for (seed, purpose, coordinates). Equal arguments give identical streams;
   * different arguments give (with overwhelming probability) unrelated seeds.
   */
  public static RandomStream stream(long seed, String purpose, long... coordinates) {
    long[] words = seedWords(seed, purpose, coordinates);
    MRG32k3a s = TEMPLATE.clone();
    s.setSeed(words);
    return s;
  }

  /** The six MRG32k3a seed words for (seed, purpose, coordinates), each in its valid range. */
  static long[] seedWords(long seed, String purpose, long... coordinates) {
    long h = 0xcbf29ce484222325L; // FNV-1a 64 offset basis
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xFF);
      h *= 0x100000001b3L;
    }
    long state = mix(seed ^ mix(h));
    for (long c : coordinates) {
      state = mix(state ^ mix(c + 0x632BE59BD9B4E019L));
    }
    long[] w = new long[6];
    do {
      for (int i = 0; i < 6; i++) {
        state += 0x9E3779B97F4A7C15L;
        long z = mix(state);
        w[i] = Long.remainderUnsigned(z, i < 3 ? M1 : M2);
      }
    } while ((w[0] | w[1] | w[2]) == 0 || (w[3] | w[4] | w[5]) == 0);
    return w;
  }

  /** SplitMix64 finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
