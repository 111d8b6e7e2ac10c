package org.twinsim.reports.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes {@code manifest.json} (atomically). */
public final class ManifestJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ManifestJson() {
  }

  public static void write(Path file, RunManifest m) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), m);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public static RunManifest read(Path file) throws IOException {
    try {
      return JSON.readValue(file.toFile(), RunManifest.class);
    } catch (IOException e) {
      throw new IOException(file + ": not a twinsim manifest (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
    }
  }
}
