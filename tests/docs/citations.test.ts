/**
 * The design docs stay followable: every `docs/<file>.md#<anchor>` a source file cites names a
 * heading of that file, and every relative link between the docs points at a file that exists.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const SKIP = new Set(["node_modules", ".sst", ".git", "dist", "test-results", ".tracker"]);

function files(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, keep);
    return keep(path) ? [path] : [];
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsOf(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^#{1,6} +(.+)$/gm)].map((m) => anchorOf(m[1] as string)));
}

describe("docs", () => {
  it("names a heading for every citation in the code", () => {
    // Prepare
    const sources = ["packages", "stacks", "tests", "bench"]
      .map((dir) => join(root, dir))
      .filter(existsSync)
      .flatMap((dir) => files(dir, (p) => /\.(ts|tsx|mjs|js)$/.test(p)));
    // Act
    const broken = sources.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/docs\/([\w./-]+\.md)#([\w-]+)/g)].flatMap(([cite, doc, anchor]) => {
        const path = join(root, "docs", doc as string);
        const ok = existsSync(path) && anchorsOf(readFileSync(path, "utf8")).has(anchor as string);
        return ok ? [] : [`${relative(root, file)}: ${cite}`];
      }),
    );
    // Assess
    expect(broken).toEqual([]);
  });

  it("links only to files that exist", () => {
    // Prepare
    const docs = files(join(root, "docs"), (p) => p.endsWith(".md"));
    // Act
    const broken = docs.flatMap((doc) =>
      [...readFileSync(doc, "utf8").matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
        .map((m) => m[1] as string)
        .filter((target) => !/^[a-z]+:/.test(target))
        .filter((target) => !existsSync(join(dirname(doc), target)))
        .map((target) => `${relative(root, doc)} → ${target}`),
    );
    // Assess
    expect(broken).toEqual([]);
  });

  it("reads anchors as GitHub does", () => {
    expect(anchorOf("HTTP API and auth")).toBe("http-api-and-auth");
    expect(anchorOf("Auto-resume policy")).toBe("auto-resume-policy");
    expect(anchorOf("glue-local")).toBe("glue-local");
  });
});
