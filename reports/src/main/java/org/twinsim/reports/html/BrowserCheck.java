package org.twinsim.reports.html;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Opens a report in headless Chromium and checks that it renders: the page's own check script
 * (see {@link HtmlPage}) must have marked {@code <body>} with {@code data-images-ok} equal to the
 * number of plots, with no script error, failed load or policy violation recorded, and a full-page
 * screenshot must be a non-blank PNG. Chromium runs with a fresh profile in a temporary folder, no
 * network features, and a time limit; each run is a child process ended by its own handle.
 */
public final class BrowserCheck {
  /** Chromium's switches: headless, no sandbox (containers), nothing that talks to the network. */
  public static final List<String> SWITCHES = List.of("--headless", "--no-sandbox", "--disable-gpu",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
      "--disable-quic", "--disable-extensions", "--disable-default-apps", "--no-default-browser-check",
      "--disable-dev-shm-usage", "--mute-audio", "--hide-scrollbars",
      // run the page's timers (its check runs 100 ms after load) before dumping, in virtual time
      "--virtual-time-budget=5000",
      // console messages (script errors, policy violations) on standard error
      "--enable-logging=stderr", "--v=0");
  /** Width of the screenshot, px. */
  public static final int SCREENSHOT_WIDTH = 1280;
  /** Tallest screenshot, px (a long sweep report is cut there). */
  public static final int SCREENSHOT_MAX_HEIGHT = 16000;

  private static final Pattern BODY = Pattern.compile("<body\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
  private static final Pattern ATTR = Pattern.compile("([a-zA-Z-]+)=\"([^\"]*)\"");

  /**
   * The outcome.
   *
   * @param passed whether every check passed
   * @param imagesExpected plots the report holds
   * @param imagesOk images the browser decoded (-1 when the page's check script did not report)
   * @param jsErrors errors the page recorded (-1 when unknown)
   * @param problems what failed, one line each (empty when passed)
   * @param screenshot the screenshot written (null if none)
   * @param browser the browser binary used
   */
  public record Result(boolean passed, int imagesExpected, int imagesOk, int jsErrors, List<String> problems,
                       Path screenshot, Path browser) {
    /** One line for the terminal. */
    public String summary() {
      if (passed) {
        return "browser check passed: " + imagesOk + "/" + imagesExpected + " plots rendered, no script errors; screenshot "
            + screenshot;
      }
      return "browser check failed: " + String.join("; ", problems);
    }
  }

  private BrowserCheck() {
  }

  /**
   * The Chromium binary: the system property {@code twinsim.chromium} or the environment variable
   * {@code TWINSIM_CHROMIUM} if set (empty when that is not an executable), else {@code chromium},
   * {@code chromium-browser}, {@code google-chrome} on the PATH (Debian's is /usr/bin/chromium).
   */
  public static Optional<Path> findChromium() {
    String env = System.getProperty("twinsim.chromium", System.getenv("TWINSIM_CHROMIUM"));
    if (env != null && !env.isBlank()) {
      Path p = Path.of(env);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    List<Path> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d : path.split(File.pathSeparator)) {
        if (!d.isEmpty()) {
          dirs.add(Path.of(d));
        }
      }
    }
    dirs.add(Path.of("/usr/bin"));
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (Path d : dirs) {
        Path p = d.resolve(name);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Checks a report page.
   *
   * @param browser the Chromium binary
   * @param html the page
   * @param expectedImages the number of plots the page should show
   * @param screenshot where to write the full-page screenshot (PNG)
   * @param timeout limit for each browser run
   */
  public static Result check(Path browser, Path html, int expectedImages, Path screenshot, Duration timeout)
      throws IOException, InterruptedException {
    List<String> problems = new ArrayList<>();
    String url = html.toAbsolutePath().normalize().toUri().toString();
    Path profile = Files.createTempDirectory("twinsim-chromium-");
    try {
      Run dom = run(browser, profile.resolve("dom"), List.of("--dump-dom", url), timeout);
      Map<String, String> body = bodyAttributes(dom.stdout());
      int ok = intAttr(body, "data-images-ok");
      int total = intAttr(body, "data-images-total");
      int errors = intAttr(body, "data-js-errors");
      int height = intAttr(body, "data-page-height");
      if (dom.timedOut()) {
        problems.add("chromium did not finish loading the page within " + timeout.toSeconds() + " s");
      } else if (body.isEmpty()) {
        problems.add("chromium returned no page (exit " + dom.exit() + "): " + lastLine(dom.stderr()));
      } else if (total < 0) {
        problems.add("the page's check script did not run (no data-images-total on <body>)");
      } else {
        if (ok < 0) {
          problems.add(body.getOrDefault("data-images-broken", "?") + " of " + total + " images did not render");
        } else if (ok != expectedImages) {
          problems.add(ok + " images rendered, expected " + expectedImages);
        }
        if (errors != 0) {
          problems.add(errors + " script error(s): " + body.getOrDefault("data-js-error-list", "?"));
        }
      }
      for (String l : dom.stderr().split("\n")) {
        if (l.contains(":CONSOLE") && (l.contains("Uncaught") || l.contains("violates") || l.contains("Refused"))) {
          String msg = l.substring(l.indexOf(']') + 1).strip();
          problems.add("console: " + (msg.length() > 200 ? msg.substring(0, 200) + "..." : msg));
        }
      }
      int h = Math.min(SCREENSHOT_MAX_HEIGHT, Math.max(800, height > 0 ? height : 2000));
      Files.createDirectories(screenshot.toAbsolutePath().getParent());
      Path tmp = screenshot.resolveSibling("." + screenshot.getFileName() + ".tmp-" + ProcessHandle.current().pid() + ".png");
      Files.deleteIfExists(tmp);
      Run shot = run(browser, profile.resolve("shot"), List.of("--window-size=" + SCREENSHOT_WIDTH + "," + h,
          "--screenshot=" + tmp.toAbsolutePath(), url), timeout);
      Path written = null;
      if (shot.timedOut()) {
        problems.add("chromium did not write the screenshot within " + timeout.toSeconds() + " s");
      } else if (!Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
        problems.add("chromium wrote no screenshot (exit " + shot.exit() + "): " + lastLine(shot.stderr()));
      } else {
        String blank = blankness(tmp);
        if (blank != null) {
          problems.add("screenshot " + blank);
        }
        Files.move(tmp, screenshot, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        written = screenshot;
      }
      Files.deleteIfExists(tmp);
      return new Result(problems.isEmpty(), expectedImages, ok, errors, List.copyOf(problems), written, browser);
    } finally {
      ReportWriter.deleteTree(profile);
    }
  }

  /** Attributes of the first {@code <body>} tag of a DOM dump (empty if none). */
  static Map<String, String> bodyAttributes(String dom) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = BODY.matcher(dom);
    if (!m.find()) {
      return out;
    }
    Matcher a = ATTR.matcher(m.group(1));
    while (a.find()) {
      out.put(a.group(1).toLowerCase(java.util.Locale.ROOT), a.group(2)
          .replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
    }
    if (out.isEmpty()) {
      out.put("", "");
    }
    return out;
  }

  private static int intAttr(Map<String, String> attrs, String name) {
    try {
      return Integer.parseInt(attrs.getOrDefault(name, "-1"));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Null if the image has content, else why it looks blank. */
  private static String blankness(Path png) throws IOException {
    BufferedImage im = ImageIO.read(png.toFile());
    if (im == null) {
      return "is not a readable PNG";
    }
    long dark = 0;
    long total = 0;
    for (int y = 0; y < im.getHeight(); y += 4) {
      for (int x = 0; x < im.getWidth(); x += 4) {
        int rgb = im.getRGB(x, y);
        int lum = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
        if (lum < 600) {
          dark++;
        }
        total++;
      }
    }
    return dark < total / 500 ? "is blank (" + dark + " of " + total + " sampled pixels not white)" : null;
  }

  private record Run(int exit, boolean timedOut, String stdout, String stderr) {
  }

  private static Run run(Path browser, Path profile, List<String> args, Duration timeout)
      throws IOException, InterruptedException {
    Files.createDirectories(profile);
    List<String> cmd = new ArrayList<>();
    cmd.add(browser.toString());
    cmd.addAll(SWITCHES);
    cmd.add("--user-data-dir=" + profile.toAbsolutePath());
    cmd.addAll(args);
    Path out = Files.createTempFile(profile, "stdout", ".txt");
    Path err = Files.createTempFile(profile, "stderr", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("HOME", profile.toAbsolutePath().toString());
    Process p = pb.start();
    boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!done) {
      // end what this run started: the browser's own child processes, then the browser
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    String so = Files.readString(out, StandardCharsets.UTF_8);
    String se = Files.readString(err, StandardCharsets.UTF_8);
    return new Run(done ? p.exitValue() : -1, !done, so, se);
  }

  private static String lastLine(String s) {
    String[] l = s.strip().split("\n");
    String last = l.length == 0 ? "" : l[l.length - 1].strip();
    return last.isEmpty() ? "no message" : (last.length() > 200 ? last.substring(0, 200) + "..." : last);
  }
}
