package org.twinsim.model.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique identifiers under the UUID-derived root {@code 2.25} (PS3.5 B.2; ITU-T X.667): the UID
 * is {@code "2.25." + the UUID read as an unsigned 128-bit decimal integer}, at most 44 characters,
 * well within the 64 of VR UI.
 *
 * <p>{@link #random()} draws version-4 UUIDs from a {@link SecureRandom} (the standard's
 * recommended way for a UID generator without a registered root). {@link #derived(String)} gives
 * a reproducible sequence: the n-th UID is a version-8 UUID made from SHA-256 over the seed text
 * and n, so an export made twice from the same seed carries the same UIDs (use it for
 * deterministic test fixtures and reruns of the same simulated course, never for two different
 * datasets).
 */
public final class DicomUids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final String seed;
  private final AtomicLong counter = new AtomicLong();

  private DicomUids(String seed) {
    this.seed = seed;
  }

  /** A generator of random UIDs. */
  public static DicomUids random() {
    return new DicomUids(null);
  }

  /** A reproducible generator: the same seed text gives the same sequence of UIDs. */
  public static DicomUids derived(String seedText) {
    if (seedText == null || seedText.isEmpty()) {
      throw new IllegalArgumentException("seed text for derived UIDs must not be empty");
    }
    return new DicomUids(seedText);
  }

  /** The next UID. Thread-safe. */
  public String next() {
    byte[] b = new byte[16];
    if (seed == null) {
      RANDOM.nextBytes(b);
      b[6] = (byte) ((b[6] & 0x0f) | 0x40); // version 4
    } else {
      try {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(seed.getBytes(StandardCharsets.UTF_8));
        md.update(ByteBuffer.allocate(8).putLong(counter.getAndIncrement()).array());
        System.arraycopy(md.digest(), 0, b, 0, 16);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is not available", e);
      }
      b[6] = (byte) ((b[6] & 0x0f) | 0x80); // version 8 (RFC 9562: custom)
    }
    b[8] = (byte) ((b[8] & 0x3f) | 0x80); // RFC 4122 variant
    return fromUuidBytes(b);
  }

  /** The 2.25 UID of a UUID. */
  public static String of(UUID uuid) {
    ByteBuffer bb = ByteBuffer.allocate(16);
    bb.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return fromUuidBytes(bb.array());
  }

  private static String fromUuidBytes(byte[] b) {
    return "2.25." + new BigInteger(1, b).toString();
  }

  /** Whether {@code uid} is a syntactically valid UID (PS3.5 9.1): digits and dots, no leading zeros, at most 64 chars. */
  public static boolean isValid(String uid) {
    return uid != null && uid.length() <= 64 && uid.matches("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");
  }
}
