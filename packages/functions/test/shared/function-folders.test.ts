/**
 * No function imports another function's folder: what two functions share lives in
 * shared/ (or http/), so a function's bundle and its behaviour depend only on its own
 * folder and the shared code (docs/decisions/functions-wiring.md). Function folders
 * are the ones the stacks deploy a handler from. Type-only imports are allowed: the
 * bundler erases them (dashboard-auth types its scopes on the route table's RouteSpec).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve("packages/functions/src");

/** The folders of packages/functions/src that hold a deployed handler (`handler: "packages/functions/src/<folder>/….handler"`). */
function functionFolders(): string[] {
  const stacks = readdirSync("stacks", { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts"));
  const folders = new Set<string>();
  for (const file of stacks) {
    const text = readFileSync(join("stacks", file), "utf8");
    for (const match of text.matchAll(/packages\/functions\/src\/([\w-]+)\/[\w-]+\.handler\b/g)) {
      if (match[1]) folders.add(match[1]);
    }
  }
  return [...folders].sort();
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(SRC, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => join(SRC, folder, file));
}

/**
 * Relative specifiers of what the file loads at run time: static imports and
 * re-exports (not `import type`, which the bundler erases), side-effect and dynamic imports.
 */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const statements = [...text.matchAll(/^(?:import|export)(\s+type\b)?[^;]*?from\s*["'](\.{1,2}\/[^"']+)["']/gm)];
  const loaded = statements.filter((m) => !m[1]).map((m) => m[2] ?? "");
  const bare = [...text.matchAll(/^import\s*["'](\.{1,2}\/[^"']+)["']/gm)].map((m) => m[1] ?? "");
  const dynamic = [...text.matchAll(/\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)].map((m) => m[1] ?? "");
  return [...loaded, ...bare, ...dynamic].filter((specifier) => specifier !== "");
}

/** Every import from a function's folder into another function's folder, as "from → to". */
function crossFunctionImports(folders: string[]): string[] {
  const found: string[] = [];
  for (const folder of folders) {
    for (const file of sourceFiles(folder)) {
      for (const specifier of relativeImports(file)) {
        const target = relative(SRC, resolve(dirname(file), specifier));
        const targetFolder = target.split(sep)[0] ?? "";
        if (targetFolder !== folder && folders.includes(targetFolder)) {
          found.push(`${relative(SRC, file)} → ${target}`);
        }
      }
    }
  }
  return found;
}

describe("function folders", () => {
  it("finds the deployed functions' folders in the stacks", () => {
    expect(functionFolders()).toEqual(
      expect.arrayContaining(["alerts", "api", "ingest", "reconciler", "resume", "rotation"]),
    );
  });

  it("no function imports another function's folder", () => {
    expect(crossFunctionImports(functionFolders())).toEqual([]);
  });
});
