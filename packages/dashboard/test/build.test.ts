import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildDashboard } from "../src/build.ts";

/** The page's JS budget (minified, gzip); bench/ records the measured size. */
const JS_GZIP_BUDGET = 60 * 1024;

describe("buildDashboard", () => {
  it("builds index.html, app.js and app.css with relative assets under <base href=/ui/>", async () => {
    const { files } = await buildDashboard();
    expect(Object.keys(files).sort()).toEqual(["app.css", "app.js", "index.html"]);
    const html = new TextDecoder().decode(files["index.html"]?.body);
    expect(html).toContain('<base href="/ui/">');
    expect(html).toContain('<script type="module" src="app.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="app.css">');
    expect(files["app.js"]?.contentType).toBe("text/javascript; charset=utf-8");
    expect(files["app.css"]?.contentType).toBe("text/css; charset=utf-8");
  });

  it("keeps a strict CSP possible: no inline script or style in the HTML, no eval or HTML injection in the bundle", async () => {
    const { files } = await buildDashboard();
    const html = new TextDecoder().decode(files["index.html"]?.body);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
    const js = new TextDecoder().decode(files["app.js"]?.body);
    expect(/\beval\(|new Function\(/.test(js)).toBe(false);
    expect(/from\s*["']node:/.test(js)).toBe(false);
  });

  it("renders API text as text: no page source sets HTML (error messages and properties may hold markup)", async () => {
    const dir = fileURLToPath(new URL("../src/page/", import.meta.url));
    const sources = (await readdir(dir, { recursive: true })).filter((f) => /\.tsx?$/.test(f));
    expect(sources.length).toBeGreaterThan(10);
    for (const file of sources) {
      const text = await readFile(join(dir, file), "utf8");
      expect({
        file,
        sets: /dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|document\.write/.test(text),
      }).toEqual({
        file,
        sets: false,
      });
    }
  });

  it(`keeps app.js within its budget of ${JS_GZIP_BUDGET / 1024} KB gzip`, async () => {
    const { files } = await buildDashboard();
    const gzip = gzipSync(files["app.js"]?.body ?? new Uint8Array()).byteLength;
    expect(gzip).toBeLessThanOrEqual(JS_GZIP_BUDGET);
  });
});
