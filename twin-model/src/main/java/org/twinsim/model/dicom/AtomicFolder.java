package org.twinsim.model.dicom;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * Writes a folder all at once: the content goes into a hidden temporary sibling folder
 * ({@code .<name>.tmp-<random>}), which is renamed onto the target only when complete. A failure
 * (exception, full disk) deletes the temporary folder; an interrupted process (killed JVM) leaves
 * at most that hidden temporary folder, never a half-written target.
 */
final class AtomicFolder {
  private AtomicFolder() {
  }

  /** Writes the folder's content into the directory it is given. */
  interface Writer<T> {
    T write(Path tempDir) throws IOException;
  }

  /**
   * Creates {@code target} with the content {@code writer} puts into a temporary folder.
   *
   * @throws IOException if {@code target} exists and is not an empty directory (nothing is
   *     written then), or writing fails (nothing is left behind)
   */
  static <T> T write(Path target, Writer<T> writer) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    if (Files.exists(abs)) {
      if (!Files.isDirectory(abs)) {
        throw new IOException("export target " + target + " exists and is not a directory");
      }
      try (Stream<Path> s = Files.list(abs)) {
        if (s.findAny().isPresent()) {
          throw new IOException("export target " + target + " exists and is not empty; choose a new folder");
        }
      }
    }
    Path parent = abs.getParent();
    if (parent == null) {
      throw new IOException("export target " + target + " has no parent folder");
    }
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".tmp-");
    boolean done = false;
    try {
      T result = writer.write(tmp);
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.deleteIfExists(abs); // an empty target directory
        Files.move(tmp, abs);
      } catch (DirectoryNotEmptyException e) {
        throw new IOException("export target " + target + " was filled by someone else during the export", e);
      }
      done = true;
      return result;
    } finally {
      if (!done) {
        deleteRecursively(tmp);
      }
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // best effort: the temporary folder is hidden and named as such
    }
  }
}
