import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { PortInUseError } from "../src/errors.ts";
import { checkPorts } from "../src/ports.ts";

const held: Server[] = [];
afterEach(async () => {
  await Promise.all(held.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** Holds a free port, as another process would. */
async function holdPort(): Promise<number> {
  const server = createServer();
  held.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

describe("checkPorts", () => {
  it("reports every busy port, each with the variable that moves it", async () => {
    // Prepare
    const [api, events] = [await holdPort(), await holdPort()];

    // Act
    const failure = await checkPorts({ api, glue: 0, dynamodb: 0, events, glueMember: 0, sts: 0 }).catch(
      (error: unknown) => error,
    );

    // Assess
    expect(failure).toBeInstanceOf(PortInUseError);
    const lines = (failure as Error).message.split("\n");
    expect(lines).toEqual([
      `Port ${api} (the tracker API) is already in use. Stop what uses it, or set PORT to another port, e.g. PORT=${api + 10} npm start`,
      `Port ${events} (the local EventBridge/SQS endpoint) is already in use. Stop what uses it, or set EVENTS_PORT to another port, e.g. EVENTS_PORT=${events + 10} npm start`,
    ]);
  });

  it("names both of our own settings when they share a port, instead of blaming one", async () => {
    // Act
    const failure = await checkPorts({ api: 3000, glue: 0, dynamodb: 3000, events: 0, glueMember: 0, sts: 0 }).catch(
      (error: unknown) => error,
    );

    // Assess
    expect((failure as Error).message).toBe(
      "Port 3000 is set for the tracker API and DynamoDB (dynalite) (PORT = DYNAMODB_PORT): give DYNAMODB_PORT another port",
    );
  });

  it("names the second account's glue-local and the STS stand-in by their own variables", async () => {
    // Prepare
    const [glueMember, sts] = [await holdPort(), await holdPort()];

    // Act
    const failure = await checkPorts({ api: 0, glue: 0, dynamodb: 0, events: 0, glueMember, sts }).catch(
      (error: unknown) => error,
    );

    // Assess
    expect((failure as Error).message.split("\n")).toEqual([
      `Port ${glueMember} (glue-local of the second account, 222222222222) is already in use. Stop what uses it, or set GLUE_MEMBER_PORT to another port, e.g. GLUE_MEMBER_PORT=${glueMember + 10} npm start`,
      `Port ${sts} (the local STS stand-in) is already in use. Stop what uses it, or set STS_PORT to another port, e.g. STS_PORT=${sts + 10} npm start`,
    ]);
  });

  it("passes free ports and port 0", async () => {
    await expect(
      checkPorts({ api: 0, glue: 0, dynamodb: 0, events: 0, glueMember: 0, sts: 0 }),
    ).resolves.toBeUndefined();
  });
});
