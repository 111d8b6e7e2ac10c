package org.twinsim.reports.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A run's output folder, built in a hidden staging folder next to it and moved into place only
 * when complete: an interrupted or failed run leaves no half-written output under the final name.
 *
 * <p>Two kinds: {@link #create} stages in {@code .NAME.partial-PID} and deletes it when the run
 * fails or the JVM exits early; {@link #resumable} stages in {@code .NAME.partial}, guarded by a
 * lock file, and KEEPS it when the run fails or is interrupted, so that a later run with
 * {@code resume} finds the parts already written (each part is written atomically, so every file
 * in it is complete) and runs only the missing units.
 */
public final class RunDirectory {
  /** Suffix of the resumable staging folder: {@code .NAME.partial}. */
  public static final String PARTIAL_SUFFIX = ".partial";

  private final Path target;
  private final Path staging;
  private final boolean replace;
  private final boolean keepOnFailure;
  private final boolean resumed;
  private FileChannel lockChannel;
  private FileLock lock;
  private Path lockFile;
  private boolean done;

  private RunDirectory(Path target, Path staging, boolean replace, boolean keepOnFailure, boolean resumed) {
    this.target = target;
    this.staging = staging;
    this.replace = replace;
    this.keepOnFailure = keepOnFailure;
    this.resumed = resumed;
  }

  /**
   * Prepares a staging folder for {@code target}. An existing target is refused unless it is an
   * empty folder, or {@code overwrite} is set and it holds a previous run (a manifest.json).
   */
  public static RunDirectory create(Path target, boolean overwrite) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    boolean replace = checkTarget(target, abs, overwrite, false);
    Path parent = abs.getParent();
    Files.createDirectories(parent);
    Path staging = parent.resolve("." + abs.getFileName() + ".partial-" + ProcessHandle.current().pid());
    deleteTree(staging);
    Files.createDirectories(staging);
    RunDirectory d = new RunDirectory(abs, staging, replace, false, false);
    d.addHook();
    return d;
  }

  /**
   * Prepares the resumable staging folder {@code .NAME.partial} next to {@code target}, locked
   * against a second run writing the same target. The target is checked as by {@link #create}.
   * An existing staging folder (left by a failed or interrupted run) is reused when
   * {@code resume} is set, deleted when {@code overwrite} is set, and refused otherwise (the
   * message says how to finish or discard it). With {@code resume} and no staging folder, the
   * run starts afresh. A target that already holds a finished run is refused with {@code resume}.
   */
  public static RunDirectory resumable(Path target, boolean overwrite, boolean resume) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    boolean replace = checkTarget(target, abs, overwrite, resume);
    Path parent = abs.getParent();
    Files.createDirectories(parent);
    Path staging = parent.resolve("." + abs.getFileName() + PARTIAL_SUFFIX);
    Path lockFile = parent.resolve("." + abs.getFileName() + PARTIAL_SUFFIX + ".lock");
    FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      ch.close();
      throw new IOException(target + ": another twinsim run is writing this output folder (lock " + lockFile + ")");
    }
    boolean resumed = false;
    try {
      if (Files.isDirectory(staging)) {
        if (resume) {
          resumed = true;
        } else if (overwrite) {
          deleteTree(staging);
        } else {
          throw new IOException(target + ": a partial run is kept in " + staging + " (a failed or interrupted run): "
              + "add --resume to run only its missing units, or --overwrite to start again");
        }
      }
      Files.createDirectories(staging);
    } catch (IOException | RuntimeException e) {
      lock.release();
      ch.close();
      throw e;
    }
    RunDirectory d = new RunDirectory(abs, staging, replace, true, resumed);
    d.lockChannel = ch;
    d.lock = lock;
    d.lockFile = lockFile;
    d.addHook();
    return d;
  }

  private void addHook() {
    Thread hook = new Thread(() -> {
      if (!done) {
        if (keepOnFailure) {
          keep();
        } else {
          abort();
        }
      }
    }, "twinsim-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Checks the final folder; returns whether it holds a previous run to replace. */
  private static boolean checkTarget(Path target, Path abs, boolean overwrite, boolean resume) throws IOException {
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
    if (resume && Files.exists(abs.resolve("manifest.json"))) {
      throw new IOException(target + ": already holds a finished run (manifest.json); nothing to resume");
    }
    return replace;
  }

  /** Whether the staging folder was left by an earlier run and is being resumed. */
  public boolean resumed() {
    return resumed;
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
    unlock(true);
  }

  /**
   * Ends the run without moving the staging folder into place and without deleting it: its parts
   * stay for a later run with {@code resume} (resumable folders; a {@link #create}d one is deleted).
   */
  public synchronized void keep() {
    if (!keepOnFailure) {
      abort();
      return;
    }
    done = true;
    unlock(false);
  }

  private void unlock(boolean deleteLockFile) {
    try {
      if (lock != null) {
        lock.release();
        lockChannel.close();
        lock = null;
        if (deleteLockFile) {
          Files.deleteIfExists(lockFile);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    } finally {
      unlock(true);
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
