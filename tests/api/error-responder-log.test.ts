import { Logger } from "@aws-lambda-powertools/logger";
import middy from "@middy/core";
import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import { afterEach, describe, expect, it, vi } from "vitest";
import { errorResponder } from "../../packages/functions/src/http/error-responder.ts";
import { RouteNotFoundError } from "../../packages/functions/src/http/errors.ts";

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("errorResponder's log line for a refused request", () => {
  it("keeps the reason and raises no reserved-key warning", async () => {
    // Prepare: Powertools' dev mode writes through the global console, which the test reads
    vi.stubEnv("POWERTOOLS_DEV", "true");
    const lines: string[] = [];
    for (const level of ["info", "warn", "error", "log"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
    }
    const logger = new Logger({ serviceName: "api", logLevel: "INFO" });
    const handler = middy(async () => {
      throw new RouteNotFoundError("GET", "/nowhere");
    }).use(errorResponder(logger));

    // Act
    const response = await handler({ requestContext: { requestId: "r-1" } } as APIGatewayProxyEventV2, {} as Context);

    // Assess
    expect((response as { statusCode: number }).statusCode).toBe(404);
    const text = lines.join("\n");
    expect(text).not.toContain("reserved key");
    expect(text).toContain(`"reason": "No route for GET /nowhere"`);
  });
});
