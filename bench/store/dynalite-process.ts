/**
 * dynalite in its own Node process for the benches: with a million items its heap
 * is several GB, and in the bench's own process its garbage collections would land
 * on whichever request happens to run (p99 then measures GC, not the store).
 * A separate process also lets client and server use both cores, as with a real
 * DynamoDB endpoint. Loopback only, port 0.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ensureTable } from "../../packages/core/src/store/table.ts";

export interface BenchDynamo {
  endpoint: string;
  documentClient: DynamoDBDocumentClient;
  createTable(name: string): Promise<string>;
  stop(): Promise<void>;
}

const SERVER = `
import dynalite from "dynalite";
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: server.address().port })));
process.on("disconnect", () => process.exit(0));
`;

export async function startDynaliteProcess(options: { maxHeapMb?: number } = {}): Promise<BenchDynamo> {
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${options.maxHeapMb ?? 12_288}`, "--input-type=module", "-e", SERVER],
    { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit", "ipc"] },
  );
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  const { stdout } = child;
  if (!stdout) throw new Error("dynalite process has no stdout");
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: stdout });
    lines.once("line", (line) => resolve(JSON.parse(line).port));
    child.once("exit", (code) => reject(new Error(`dynalite process exited (${code})`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
  });
  const documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    endpoint,
    documentClient,
    async createTable(name) {
      await ensureTable(client, name);
      return name;
    },
    async stop() {
      client.destroy();
      process.off("exit", kill);
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
