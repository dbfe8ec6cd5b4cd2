/**
 * Checks recorded API responses against the served OpenAPI document: the
 * operation is found from the document's own paths, the status must be one it
 * declares, and the body must validate against that status's schema. Requests
 * that match no operation must be answered 404/405 with the Error schema.
 */
import { validateSchema } from "./json-schema.ts";

export interface RecordedResponse {
  method: string;
  /** Percent-encoded path as sent, without the query string. */
  path: string;
  status: number;
  body: unknown;
}

type OpenApi = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
};

function matchPath(template: string, path: string): boolean {
  const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  const want = template.split("/");
  const got = trimmed.split("/");
  return want.length === got.length && want.every((part, i) => /^\{\w+\}$/.test(part) || part === got[i]);
}

/** The problems found, one line each; empty when every response conforms. */
export function responseProblems(document: unknown, responses: readonly RecordedResponse[]): string[] {
  const doc = document as OpenApi & Record<string, unknown>;
  const problems: string[] = [];
  const errorSchema = { $ref: "#/components/schemas/Error" };
  for (const response of responses) {
    const label = `${response.method} ${response.path} → ${response.status}`;
    // Literal templates first, as the API routes them.
    const templates = Object.keys(doc.paths).sort((a, b) => a.split("{").length - b.split("{").length);
    const candidates = templates.filter((template) => matchPath(template, response.path));
    const template = candidates.find((t) => doc.paths[t]?.[response.method.toLowerCase()]);
    const operation = template ? doc.paths[template]?.[response.method.toLowerCase()] : undefined;
    let schema: unknown = errorSchema;
    if (operation) {
      const declared = operation.responses[String(response.status)];
      if (!declared) {
        problems.push(`${label}: status not declared by the operation`);
        continue;
      }
      schema = declared.content?.["application/json"]?.schema ?? errorSchema;
    } else if (
      response.status !== 404 &&
      response.status !== 405 &&
      response.status !== 400 &&
      response.status !== 401
    ) {
      // 400: an undecodable path; 401: auth is checked before routing.
      problems.push(`${label}: no operation, yet not 400/401/404/405`);
      continue;
    }
    for (const error of validateSchema(schema as Record<string, unknown>, response.body, doc)) {
      problems.push(`${label}: ${error.path} ${error.message}`);
    }
  }
  return problems;
}
