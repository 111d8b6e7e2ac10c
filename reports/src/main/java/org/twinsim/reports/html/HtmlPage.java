package org.twinsim.reports.html;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The page around the report's sections: inline CSS, a Content-Security-Policy that allows nothing
 * from outside the file (images only as data: URLs, the two inline scripts only by their SHA-256
 * hashes), and two tiny scripts for the headless-browser check. The first records errors (script
 * errors, failed loads, policy violations); the second, 100 ms after the page has loaded (policy
 * violations are reported asynchronously), marks
 * {@code <body>} with {@code data-images-ok="N"} when all N images decoded
 * ({@code complete && naturalWidth > 0}), else {@code data-images-broken}, and with
 * {@code data-js-errors} and {@code data-page-height}.
 */
final class HtmlPage {
  static final String ERROR_SCRIPT = "(function(){var e=[];window.__twinsimErrors=e;"
      + "addEventListener('error',function(x){var t=x.target;e.push(x.message||('failed to load '+"
      + "((t&&(t.src||t.href))||'a resource').slice(0,80)));},true);"
      + "addEventListener('unhandledrejection',function(x){e.push('unhandled rejection: '+x.reason);});"
      + "addEventListener('securitypolicyviolation',function(x){e.push('blocked by the page policy: '+x.blockedURI);});"
      + "})();";
  static final String CHECK_SCRIPT = "(function(){function check(){var im=document.images,ok=0,i,b=document.body;"
      + "for(i=0;i<im.length;i++){if(im[i].complete&&im[i].naturalWidth>0){ok++;}}"
      + "b.setAttribute('data-images-total',String(im.length));"
      + "if(ok===im.length){b.setAttribute('data-images-ok',String(ok));}"
      + "else{b.setAttribute('data-images-broken',String(im.length-ok));}"
      + "var e=window.__twinsimErrors||['error recorder did not run'];"
      + "b.setAttribute('data-js-errors',String(e.length));"
      + "if(e.length){b.setAttribute('data-js-error-list',e.join(' | '));}"
      + "b.setAttribute('data-page-height',String(Math.ceil(document.documentElement.scrollHeight)));}"
      + "function later(){setTimeout(check,100);}"
      + "if(document.readyState==='complete'){later();}else{addEventListener('load',later);}})();";

  private static final String CSS = """
      :root{--ink:#222;--muted:#666;--rule:#e3e3e3}
      *{box-sizing:border-box}
      html{background:#f3f3f1}
      body{margin:0;color:var(--ink);font:15px/1.5 "DejaVu Sans",system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif}
      main{max-width:1600px;margin:0 auto;padding:24px 32px 64px;background:#fff;min-height:100vh}
      h1{font-size:26px;margin:0 0 4px}
      h2{font-size:20px;margin:36px 0 8px;padding-top:12px;border-top:1px solid var(--rule)}
      h3{font-size:16px;margin:22px 0 6px}
      p,li{max-width:1100px}
      .sub{color:var(--muted);margin:0 0 8px;font-size:14px}
      .legend{margin:4px 0 8px}
      .note{background:#fff8e6;border-left:4px solid #E69F00;padding:8px 12px;margin:10px 0;max-width:1100px;font-size:14px}
      nav ol{margin:8px 0;padding-left:22px;columns:3;max-width:900px;font-size:14px}
      a{color:#0060a0}
      table{border-collapse:collapse;font-variant-numeric:tabular-nums;margin:8px 0 18px;font-size:14px}
      th,td{padding:4px 10px;text-align:right;border-bottom:1px solid var(--rule);white-space:nowrap;vertical-align:top}
      th{font-weight:600;background:#f5f5f4;vertical-align:bottom;white-space:normal;max-width:150px}
      .tw{overflow-x:auto;max-width:100%}
      th.l,td.l{text-align:left}
      .unit{font-weight:400;color:var(--muted);font-size:12px}
      .sw{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:6px}
      .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(700px,1fr));gap:14px 28px;margin:6px 0 12px}
      figure{margin:0}
      figure img{display:block;width:100%;max-width:760px;height:auto}
      figcaption{font-size:13px;color:var(--muted);max-width:760px;margin-top:2px}
      .files{white-space:nowrap;margin-left:6px}
      .na{color:var(--muted);font-style:italic}
      .flat{color:var(--ink);background:#f5f5f4;padding:6px 10px;max-width:760px;font-size:14px}
      dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:2px 18px;font-size:14px;max-width:1100px}
      dt{color:var(--muted)}
      dd{margin:0;font-family:"DejaVu Sans Mono",monospace;font-size:13px;overflow-wrap:anywhere}
      code{font-family:"DejaVu Sans Mono",monospace;font-size:13px}
      details{font-size:13px}
      """;

  private HtmlPage() {
  }

  /** The complete page. */
  static String page(String title, String content, int images) {
    String csp = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-"
        + sha256(ERROR_SCRIPT) + "' 'sha256-" + sha256(CHECK_SCRIPT) + "'; base-uri 'none'; form-action 'none'";
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<meta name=\"generator\" content=\"twinsim report\">\n"
        + "<title>" + Html.esc(title) + "</title>\n<style>\n" + CSS + "</style>\n"
        + "<script>" + ERROR_SCRIPT + "</script>\n</head>\n"
        + "<body data-images-expected=\"" + images + "\">\n<main>\n" + content + "</main>\n"
        + "<script>" + CHECK_SCRIPT + "</script>\n</body>\n</html>\n";
  }

  static String sha256(String s) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
