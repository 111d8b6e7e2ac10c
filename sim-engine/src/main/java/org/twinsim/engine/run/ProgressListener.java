package org.twinsim.engine.run;

/** Receives progress of long work (the CLI turns it into a progress bar). Must be thread-safe. */
public interface ProgressListener {
  ProgressListener NONE = new ProgressListener() {
    @Override
    public void start(String phase, long total) {
    }

    @Override
    public void advance(long n) {
    }

    @Override
    public void finish() {
    }
  };

  /** A phase of {@code total} units begins. */
  void start(String phase, long total);

  /** {@code n} more units are done. */
  void advance(long n);

  /** The phase is over. */
  void finish();
}
