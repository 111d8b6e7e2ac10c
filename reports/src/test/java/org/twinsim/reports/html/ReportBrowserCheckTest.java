package org.twinsim.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report opened in headless Chromium: a real report renders every plot with no script error
 * and gives a non-blank screenshot; a page with a broken image and a script the page policy blocks
 * fails the check. Skipped where Chromium is not installed (Debian: apt-get install chromium).
 */
class ReportBrowserCheckTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @TempDir
  Path tmp;

  private static Path chromium() {
    Optional<Path> c = BrowserCheck.findChromium();
    Assumptions.assumeTrue(c.isPresent(), "chromium not found (Debian: apt-get install chromium): browser check skipped");
    return c.get();
  }

  @Test
  void reportRendersEveryPlotWithoutErrors() throws Exception {
    Path browser = chromium();
    ReportWriter.Written w = RunFixtures.sweepReport();
    Path shot = w.html().resolveSibling("screenshot.png");
    BrowserCheck.Result r = BrowserCheck.check(browser, w.html(), w.report().plots().size(), shot, TIMEOUT);
    assertTrue(r.passed(), r.summary());
    assertEquals(w.report().plots().size(), r.imagesOk());
    assertEquals(0, r.jsErrors());
    BufferedImage im = ImageIO.read(shot.toFile());
    assertEquals(BrowserCheck.SCREENSHOT_WIDTH, im.getWidth());
    assertTrue(im.getHeight() > 2000, "full page, not just the first screen: " + im.getHeight());
    try (var s = Files.list(shot.getParent())) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary files left");
    }
  }

  @Test
  void brokenImageAndBlockedScriptFailTheCheck() throws Exception {
    Path browser = chromium();
    String content = "<h1>broken</h1><img src=\"data:image/png;base64,iVBORw0KGgoAAAAN\" width=\"10\" height=\"10\" alt=\"x\">"
        + "<script>document.title = 'not allowed by the page policy';</script>";
    Path html = Files.writeString(tmp.resolve("broken.html"), HtmlPage.page("broken", content, 1));
    BrowserCheck.Result r = BrowserCheck.check(browser, html, 1, tmp.resolve("shot.png"), TIMEOUT);
    assertFalse(r.passed());
    String all = String.join("\n", r.problems());
    assertTrue(all.contains("1 of 1 images did not render"), all);
    assertTrue(all.contains("blocked by the page policy"), all);
  }

  @Test
  void bodyAttributesOfADomDump() {
    Map<String, String> a = BrowserCheck.bodyAttributes("<html><head></head><body data-images-expected=\"3\" "
        + "data-images-total=\"3\" data-images-ok=\"3\" data-js-errors=\"1\" data-js-error-list=\"x &amp; y\"><main>");
    assertEquals("3", a.get("data-images-ok"));
    assertEquals("x & y", a.get("data-js-error-list"));
    assertTrue(BrowserCheck.bodyAttributes("no page").isEmpty());
  }
}
