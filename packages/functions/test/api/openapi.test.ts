import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../src/api/openapi.ts";
import { routeList } from "../../src/api/routes.ts";

// biome-ignore lint/suspicious/noExplicitAny: walking a JSON document
const doc = openApiDocument() as any;

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 in the JSON Schema 2020-12 dialect", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("names its servers (relative: the API that serves it) and its licence, as linters ask", () => {
    expect(doc.servers).toEqual([{ url: "/", description: expect.any(String) }]);
    expect(doc.info.license.name).toMatch(/^UNLICENSED/);
  });

  it("has one operation per route, with its success status and schema", () => {
    for (const route of routeList) {
      const operation = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation?.operationId, `${route.method} ${route.path}`).toBe(route.operationId);
      expect(operation.responses[String(route.status)].content["application/json"].schema.$ref).toMatch(
        /^#\/components\/schemas\//,
      );
    }
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item as object));
    expect(operations).toHaveLength(routeList.length);
  });

  it("derives parameters from the validation schemas (bounds, enums, defaults)", () => {
    const parameters = doc.paths["/workflows/{name}/runs"].get.parameters;
    const byName = Object.fromEntries(parameters.map((p: { name: string }) => [p.name, p]));

    expect(byName.name).toMatchObject({ in: "path", required: true, schema: { minLength: 1, maxLength: 255 } });
    expect(byName.maxResults).toMatchObject({
      in: "query",
      required: false,
      schema: { type: "integer", minimum: 1, maximum: 1000 },
    });
    expect(byName.outcome.schema.enum).toEqual(["RUNNING", "SUCCEEDED", "FAILED", "STOPPED", "ERROR", "UNKNOWN"]);
    expect(byName.account).toMatchObject({ in: "query", required: false, schema: { pattern: "^\\d{12}$" } });
    expect(Object.keys(byName).sort()).toEqual(
      [
        "account",
        "region",
        "includeGraph",
        "maxResults",
        "name",
        "nextToken",
        "outcome",
        "startedAfter",
        "startedBefore",
        "status",
      ].sort(),
    );
  });

  it("gives every route under /workflows/{name} the optional account and region (docs/decisions/accounts-api.md)", () => {
    const scoped = routeList.filter((r) => r.path.startsWith("/workflows/"));
    expect(scoped.length).toBeGreaterThan(10);
    for (const route of scoped) {
      const parameters = doc.paths[route.path][route.method.toLowerCase()].parameters ?? [];
      const names = parameters.filter((p: { in: string }) => p.in === "query").map((p: { name: string }) => p.name);
      expect(names, `${route.method} ${route.path}`).toEqual(expect.arrayContaining(["account", "region"]));
    }
  });

  it("describes request bodies as strict objects", () => {
    const schema =
      doc.paths["/workflows/{name}/runs/{runId}/resume"].post.requestBody.content["application/json"].schema;

    expect(schema).toMatchObject({ type: "object", required: ["NodeIds"], additionalProperties: false });
    expect(schema.properties.NodeIds).toMatchObject({ type: "array", minItems: 1, maxItems: 1000 });
  });

  it("resolves every $ref", () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) {
      const id = ref.split("/").at(-1)?.replace('"', "") as string;
      expect(doc.components.schemas[id], ref).toBeDefined();
    }
    expect(refs.length).toBeGreaterThan(20);
  });

  it("declares 502/504 only on the routes that call Glue", () => {
    expect(doc.paths["/workflows/{name}/runs"].post.responses["502"]).toBeDefined();
    expect(doc.paths["/workflows/{name}/runs"].get.responses["502"]).toBeUndefined();
  });
});
