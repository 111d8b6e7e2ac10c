package org.twinsim.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.twinsim.engine.run.ReplicationContext;
import org.twinsim.engine.run.Variant;

/**
 * What the tasks of one executor JVM share: the decoded variants of a run and the clinic units'
 * contexts. A context is a pure function of (variant, replication), so an executor computes it
 * instead of receiving it (it holds the event model's sessions and, with the full physics, the
 * twin's prior - not serialisable, and cheap next to a patient unit); it is computed at most
 * once per executor while cached (the last few, as units run in plan order), by the first task
 * that needs it, while the others wait. A failed computation is not cached.
 */
final class ExecutorState {
  private static final int MAX_RUNS = 2;
  private static final int MAX_CONTEXTS = 4;
  private static final Map<String, List<Variant>> VARIANTS = new LinkedHashMap<>(4, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, List<Variant>> e) {
      return size() > MAX_RUNS;
    }
  };
  private static final Map<String, CompletableFuture<ReplicationContext>> CONTEXTS =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<ReplicationContext>> e) {
          return size() > MAX_CONTEXTS;
        }
      };

  private ExecutorState() {
  }

  /** The variants of run {@code runKey}, decoded once per executor. */
  static List<Variant> variants(String runKey, List<String> encoded) {
    synchronized (VARIANTS) {
      List<Variant> v = VARIANTS.get(runKey);
      if (v == null) {
        v = encoded.stream().map(VariantCodec::decode).toList();
        VARIANTS.put(runKey, v);
      }
      return v;
    }
  }

  /** The context of {@code key}, computed by {@code compute} unless cached. */
  static ReplicationContext context(String key, Supplier<ReplicationContext> compute) {
    CompletableFuture<ReplicationContext> f;
    boolean mine = false;
    synchronized (CONTEXTS) {
      f = CONTEXTS.get(key);
      if (f == null) {
        f = new CompletableFuture<>();
        CONTEXTS.put(key, f);
        mine = true;
      }
    }
    if (mine) {
      try {
        f.complete(compute.get());
      } catch (RuntimeException | Error e) {
        f.completeExceptionally(e);
        synchronized (CONTEXTS) {
          CONTEXTS.remove(key, f);
        }
        throw e;
      }
    }
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error er) {
        throw er;
      }
      throw e;
    }
  }
}
