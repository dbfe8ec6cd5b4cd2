/**
 * Each workspace package declares the runtime packages its source imports, and no
 * unused middy middleware (issue 12, point 9). Type-only imports need no runtime
 * dependency (their types come from the root's devDependencies, e.g. @types/aws-lambda).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const PACKAGES = readdirSync("packages").filter((dir) =>
  statSync(join("packages", dir, "package.json"), { throwIfNoEntry: false }),
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Packages imported for their runtime value (not `import type`, not only `{ type X }`). */
function runtimeImports(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/^\s*(?:import|export)\s+(type\s+)?([^;]*?)\s*from\s+"([^"]+)"/gms)) {
    const [, typeOnly, clause = "", specifier = ""] = match;
    const braces = /^\{([^}]*)\}$/s.exec(clause.trim());
    const allTypes = braces?.[1]
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .every((s) => s.startsWith("type "));
    if (!typeOnly && !allTypes) found.push(specifier);
  }
  for (const match of source.matchAll(/import\(\s*"([^"]+)"\s*\)/g)) found.push(match[1] as string);
  for (const match of source.matchAll(/^\s*import\s+"([^"]+)"/gm)) found.push(match[1] as string);
  return found
    .filter((s) => !s.startsWith(".") && !s.startsWith("node:") && !builtinModules.includes(s))
    .map((s) => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : (s.split("/")[0] as string)));
}

describe("workspace dependencies", () => {
  it.each(PACKAGES)("packages/%s declares every package its source imports, and no unused middy middleware", (dir) => {
    // Prepare
    const manifest = JSON.parse(readFileSync(join("packages", dir, "package.json"), "utf8"));
    const declared = new Set(Object.keys(manifest.dependencies ?? {}));
    const imported = new Set(
      sourceFiles(join("packages", dir, "src")).flatMap((f) => runtimeImports(readFileSync(f, "utf8"))),
    );
    imported.delete(manifest.name);

    // Act
    const undeclared = [...imported].filter((name) => !declared.has(name)).sort();
    const unusedMiddy = [...declared].filter((name) => name.startsWith("@middy/") && !imported.has(name)).sort();

    // Assess
    expect(undeclared, "imported by src/ but not in dependencies").toEqual([]);
    expect(unusedMiddy, "declared but never imported").toEqual([]);
  });

  it("tells type-only imports from runtime ones", () => {
    expect(
      runtimeImports(
        'import type { A } from "aws-lambda";\nimport { type B, type C } from "x-types";\nimport { z } from "zod";\nimport { type D, e } from "@scope/pkg/sub";\nconst m = await import("dyn");',
      ),
    ).toEqual(["zod", "@scope/pkg", "dyn"]);
  });
});
