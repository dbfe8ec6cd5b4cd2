/** The read function over a store double: response shaping and unexpected failures. */
import { Logger } from "@aws-lambda-powertools/logger";
import type { RunStore, TrackedRun } from "@glue-run-tracker/core";
import { describe, expect, it, vi } from "vitest";
import { createReadHandler } from "../../src/api/handlers.ts";
import { routeList } from "../../src/api/routes.ts";
import { httpEvent, lambdaContext } from "./support/http-event.ts";
import { createMemoryStore, trackedRun } from "./support/memory-store.ts";

const silent = () => new Logger({ serviceName: "api-unit", logLevel: "SILENT" });

async function call(store: RunStore, url: string, logger = silent()) {
  const handler = createReadHandler({ store, logger });
  const event = httpEvent({ method: "GET", url }, routeList);
  const result = await handler(event, lambdaContext());
  return { event, status: result.statusCode, body: JSON.parse(result.body), headers: result.headers };
}

describe("read handler", () => {
  it("serves the run in the documented shape, dropping storage attributes", async () => {
    // Prepare
    const stored = { ...trackedRun(), pk: "WF#etl", sk: "RUN#wr_0001", gsi1pk: "x", GraphGz: "…" } as TrackedRun;
    const store = createMemoryStore({ runs: [stored] });

    // Act
    const response = await call(store, "/workflows/etl/runs/wr_0001");

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers?.["content-type"]).toMatch(/^application\/json/);
    expect(response.body.Run).toEqual(trackedRun());
  });

  it("refuses a named account on a single-account tracker instead of answering the home account's run", async () => {
    // Prepare: no member configured (the registry would resolve any account to home).
    const store = createMemoryStore({ runs: [trackedRun()] });

    // Act
    const named = await call(store, "/workflows/etl/runs/wr_0001?account=222222222222");
    const unnamed = await call(store, "/workflows/etl/runs/wr_0001");

    // Assess
    expect(named.status).toBe(400);
    expect(named.body.Message).toMatch(/Account 222222222222 in region \? is not tracked/);
    expect(unnamed.status).toBe(200);
  });

  it("answers an unexpected failure with a bare 500 and the request id, and logs the cause", async () => {
    // Prepare
    const store = createMemoryStore();
    store.getRun = async () => {
      throw new Error("ValidationException: table arn:aws:dynamodb:us-east-1:123456789012:table/tracker-prod");
    };
    const logger = silent();
    const logged = vi.spyOn(logger, "error");

    // Act
    const response = await call(store, "/workflows/etl/runs/wr_1", logger);

    // Assess
    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      Code: "InternalServiceException",
      Message: expect.not.stringMatching(/arn:|tracker-prod|ValidationException/),
      RequestId: response.event.requestContext.requestId,
    });
    expect(logged).toHaveBeenCalledWith(
      "request failed",
      expect.objectContaining({ status: 500, error: expect.any(Error) }),
    );
  });

  it("does not serve command routes (API Gateway sends them to the commands function)", async () => {
    const handler = createReadHandler({ store: createMemoryStore(), logger: silent() });
    const event = httpEvent({ method: "POST", url: "/workflows/etl/runs", body: {} }, routeList);

    const result = await handler(event, lambdaContext());

    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body).Code).toBe("NotFoundException");
  });
});
