/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the handlers
 * validate and shape with (zod 4's JSON Schema output is draft 2020-12, the
 * dialect OpenAPI 3.1 uses). Nothing here restates a constraint by hand.
 */
import * as z from "zod";
import { apiSchemas, ErrorBody } from "./contract/responses.ts";
import { ApiFunction, type Route, routeList } from "./routes.ts";

type JsonSchema = Record<string, unknown>;

const COMPONENT_REF = (id: string) => `#/components/schemas/${id}`;

/** Error statuses every route may answer, and those only commands (which call Glue) add. */
const COMMON_ERRORS = {
  400: "InvalidInputException: a parameter or body field broke a constraint, or a tampered nextToken.",
  401: "UnauthorizedException: missing or wrong bearer token (local runtime with TRACKER_API_TOKEN).",
  403: "AccessDeniedException: the IAM principal may not call this route (AWS).",
  404: "EntityNotFoundException: the workflow or run is unknown.",
  429: "ThrottlingException: slow down and retry.",
  500: "InternalServiceException: nothing internal is revealed; quote the RequestId.",
} as const;
const COMMAND_ERRORS = {
  409: "ConcurrentRunsExceededException / IllegalWorkflowStateException / AlreadyExistsException, from Glue.",
  502: "GlueUnreachableException: Glue could not be reached.",
  504: "OperationTimeoutException: Glue did not answer in time.",
} as const;

/** Drops the per-schema `$schema`/`$id` headers zod adds; OpenAPI declares the dialect once. */
function bare(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}

function inputSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    // Integer query parameters are validated as digit strings; the document states the integer.
    override: ({ jsonSchema }) => {
      if (jsonSchema.type === "integer") delete jsonSchema.pattern;
    },
  });
  return bare(json as JsonSchema);
}

function componentRef(schema: z.ZodType): JsonSchema {
  const id = apiSchemas.get(schema)?.id;
  if (!id) throw new Error("Every response schema must be a registered component");
  return { $ref: COMPONENT_REF(id) };
}

function parameters(route: Route): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [location, schema] of [
    ["path", route.params],
    ["query", route.query],
  ] as const) {
    if (!schema) continue;
    const object = inputSchema(schema);
    const required = new Set((object.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries((object.properties ?? {}) as Record<string, JsonSchema>)) {
      const { description, ...rest } = property;
      out.push({
        name,
        in: location,
        required: location === "path" || required.has(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  return out;
}

function errorResponses(route: Route): Record<string, JsonSchema> {
  const statuses = route.fn === ApiFunction.Commands ? { ...COMMON_ERRORS, ...COMMAND_ERRORS } : COMMON_ERRORS;
  const out: Record<string, JsonSchema> = {};
  for (const [status, description] of Object.entries(statuses)) {
    out[status] = { description, content: { "application/json": { schema: componentRef(ErrorBody) } } };
  }
  return out;
}

function operation(route: Route): JsonSchema {
  return {
    operationId: route.operationId,
    summary: route.summary,
    "x-tracker-function": route.fn,
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: route.bodyRequired !== false,
            content: { "application/json": { schema: inputSchema(route.body) } },
          },
        }
      : {}),
    responses: {
      [String(route.status)]: {
        description: "Success",
        content: { "application/json": { schema: componentRef(route.response) } },
      },
      ...errorResponses(route),
    },
  };
}

/**
 * The whole document; built once per process.
 *
 * @example
 * const doc = openApiDocument();
 * doc.paths["/workflows/{name}/runs"].get.operationId; // "listRuns"
 */
export const openApiDocument = (() => {
  let cached: JsonSchema | undefined;
  return (): JsonSchema => {
    cached ??= build();
    return cached;
  };
})();

function build(): JsonSchema {
  const { schemas } = z.toJSONSchema(apiSchemas, { uri: COMPONENT_REF, io: "output" }) as {
    schemas: Record<string, JsonSchema>;
  };
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routeList) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, JsonSchema>)[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Glue Run Tracker API",
      version: "1.0.0",
      // The repository has no open-source licence yet; say so rather than invent one.
      license: { name: "UNLICENSED (private; no licence granted)" },
      description:
        "Run history of AWS Glue workflows beyond Glue's 90 days, and run commands. Bodies use Glue's PascalCase names, query parameters camelCase, timestamps ISO-8601 UTC. Errors are {Code, Message, RequestId}; an unknown path answers 404 NotFoundException and a known path with another method 405 MethodNotAllowedException (with Allow).",
    },
    // Relative: the document is served by the API it describes (locally and on AWS).
    servers: [{ url: "/", description: "The API that served this document" }],
    security: [{ sigv4: [] }, { bearer: [] }],
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, bare(schema)])),
      securitySchemes: {
        sigv4: {
          type: "apiKey",
          in: "header",
          name: "Authorization",
          description: "AWS: IAM (SigV4-signed requests), on every route.",
        },
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "Local runtime: required when TRACKER_API_TOKEN is set.",
        },
      },
    },
  };
}
