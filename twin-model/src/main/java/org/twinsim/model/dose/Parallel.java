package org.twinsim.model.dose;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Fork-join pools of a chosen parallelism, shared per parallelism, so that single- and
 * multi-threaded runs of the same kernel can be compared. Work inside {@link #forEach} uses the
 * pool's threads only.
 */
public final class Parallel {
  private static final ConcurrentHashMap<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();

  private Parallel() {
  }

  /** Threads a parallelism of 0 stands for: the available processors. */
  public static int resolve(int threads) {
    return threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads;
  }

  /** Runs {@code body(i)} for i in [0, n) on {@code threads} threads (1: in the calling thread). */
  public static void forEach(int threads, int n, java.util.function.IntConsumer body) {
    int t = resolve(threads);
    if (t == 1 || n <= 1) {
      for (int i = 0; i < n; i++) {
        body.accept(i);
      }
      return;
    }
    ForkJoinPool pool = POOLS.computeIfAbsent(t, k -> new ForkJoinPool(k, p -> {
      var w = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
      w.setDaemon(true);
      w.setName("twinsim-dose-" + k + "-" + w.getPoolIndex());
      return w;
    }, null, false));
    pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).join();
  }
}
