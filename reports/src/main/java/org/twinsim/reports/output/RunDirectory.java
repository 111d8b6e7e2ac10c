package org.twinsim.reports.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A run's output folder, built in a hidden staging folder next to it and moved into place only
 * when complete: an interrupted or failed run leaves no half-written output under the final name.
 */
public final class RunDirectory {
  private final Path target;
  private final Path staging;
  private final boolean replace;
  private boolean done;

  private RunDirectory(Path target, Path staging, boolean replace) {
    this.target = target;
    this.staging = staging;
    this.replace = replace;
  }

  /**
   * Prepares a staging folder for {@code target}. An existing target is refused unless it is an
   * empty folder, or {@code overwrite} is set and it holds a previous run (a manifest.json).
   */
  public static RunDirectory create(Path target, boolean overwrite) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    boolean replace = false;
    if (Files.exists(abs)) {
      if (!Files.isDirectory(abs)) {
        throw new IOException(target + ": exists and is not a folder");
      }
      boolean empty;
      try (Stream<Path> s = Files.list(abs)) {
        empty = s.findAny().isEmpty();
      }
      if (!empty) {
        if (!overwrite) {
          throw new IOException(target + ": output folder exists and is not empty (choose another --out, or --overwrite to replace a previous run)");
        }
        if (!Files.exists(abs.resolve("manifest.json"))) {
          throw new IOException(target + ": --overwrite only replaces a previous twinsim run (no manifest.json there)");
        }
      }
      replace = true;
    }
    Path parent = abs.getParent();
    Files.createDirectories(parent);
    Path staging = parent.resolve("." + abs.getFileName() + ".partial-" + ProcessHandle.current().pid());
    deleteTree(staging);
    Files.createDirectories(staging);
    RunDirectory d = new RunDirectory(abs, staging, replace);
    Thread hook = new Thread(() -> {
      if (!d.done) {
        d.abort();
      }
    }, "twinsim-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    return d;
  }

  /** Where parts are written while the run is under way. */
  public Path staging() {
    return staging;
  }

  /** The final folder. */
  public Path target() {
    return target;
  }

  /** Moves the staging folder into place. */
  public synchronized void commit() throws IOException {
    if (replace) {
      deleteTree(target);
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(staging, target);
    }
    done = true;
  }

  /** Deletes the staging folder. */
  public synchronized void abort() {
    if (done) {
      return;
    }
    done = true;
    try {
      deleteTree(staging);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }
}
