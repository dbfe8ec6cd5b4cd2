/**
 * glue-local bench (a script, not a test): `npx tsx bench/glue-local/run.ts [--calls 4000]`.
 *
 * GetWorkflowRun (IncludeGraph) of a finished run of a 20-node workflow (10 jobs, 10 triggers,
 * each node with its job run), in calls/s, as a ratio to a bare node:http server answering the
 * same bytes with the same headers, measured in the same run with the same client and
 * concurrency (goal ≥ 0.5). Two clients: plain keep-alive HTTP (the server's own cost shows)
 * and @aws-sdk/client-glue (what the tracker sees; the SDK's parsing dominates). Rounds
 * alternate between the servers; medians are reported.
 *
 * `runGlueLocalBench(options)` is exported for `npm run bench`.
 */
import { Agent, createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import {
  CreateJobCommand,
  CreateTriggerCommand,
  CreateWorkflowCommand,
  GetWorkflowRunCommand,
  GlueClient,
  StartWorkflowRunCommand,
} from "@aws-sdk/client-glue";
import { startGlueLocal } from "../../packages/glue-local/src/index.ts";

export const GOAL_RATIO = 0.5;

export interface GlueLocalBenchOptions {
  /** Calls per round and server (default 2,000). */
  calls?: number;
  /** Requests in flight (default 8). */
  concurrency?: number;
  /** Rounds per server, alternating (default 5). */
  rounds?: number;
  log?: (line: string) => void;
}

export interface ClientFigure {
  client: "http" | "sdk";
  glueLocalCallsPerSecond: number;
  bareCallsPerSecond: number;
  /** glue-local calls/s ÷ bare server calls/s (goal ≥ 0.5). */
  ratio: number;
}

export interface GlueLocalFigures {
  graphNodes: number;
  responseBytes: number;
  /** Plain keep-alive HTTP first (the headline figure), then the SDK. */
  getWorkflowRun: ClientFigure[];
  concurrency: number;
  callsPerRound: number;
  rounds: number;
}

const JOBS = 10;

function client(endpoint: string): GlueClient {
  return new GlueClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
    maxAttempts: 1,
  });
}

async function throughput(count: number, concurrency: number, task: () => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next++ < count) await task();
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count / ((performance.now() - started) / 1000);
}

/** A minimal keep-alive AWS JSON 1.1 caller: the client's own cost stays small and equal for both servers. */
function httpCaller(endpoint: string, body: string): { call: () => Promise<void>; close: () => void } {
  const url = new URL(endpoint);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const headers = {
    "content-type": "application/x-amz-json-1.1",
    "x-amz-target": "AWSGlue.GetWorkflowRun",
    "content-length": Buffer.byteLength(body),
  };
  const call = () =>
    new Promise<void>((resolve, reject) => {
      const req = httpRequest(
        { host: url.hostname, port: url.port, method: "POST", path: "/", headers, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
            else {
              JSON.parse(Buffer.concat(chunks).toString("utf8"));
              resolve();
            }
          });
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  return { call, close: () => agent.destroy() };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** A chain start → job-0 → trigger-1 → job-1 → … → job-9: 10 jobs + 10 triggers = 20 nodes. */
async function createChain(glue: GlueClient): Promise<void> {
  await glue.send(new CreateWorkflowCommand({ Name: "bench-chain", DefaultRunProperties: { env: "bench" } }));
  for (let i = 0; i < JOBS; i++) {
    await glue.send(
      new CreateJobCommand({
        Name: `bench-job-${i}`,
        Role: "arn:aws:iam::123456789012:role/glue",
        Command: { Name: "glueetl", ScriptLocation: `s3://bench/job-${i}.py` },
        DefaultArguments: { "--sim-duration-ms": "60000", "--TempDir": "s3://bench/tmp/" },
        GlueVersion: "4.0",
        WorkerType: "G.1X",
        NumberOfWorkers: 2,
      }),
    );
  }
  await glue.send(
    new CreateTriggerCommand({
      Name: "bench-start",
      WorkflowName: "bench-chain",
      Type: "ON_DEMAND",
      Actions: [{ JobName: "bench-job-0" }],
    }),
  );
  for (let i = 1; i < JOBS; i++) {
    await glue.send(
      new CreateTriggerCommand({
        Name: `bench-after-${i - 1}`,
        WorkflowName: "bench-chain",
        Type: "CONDITIONAL",
        StartOnCreation: true,
        Predicate: {
          Logical: "AND",
          Conditions: [{ LogicalOperator: "EQUALS", JobName: `bench-job-${i - 1}`, State: "SUCCEEDED" }],
        },
        Actions: [{ JobName: `bench-job-${i}` }],
      }),
    );
  }
}

export async function runGlueLocalBench(options: GlueLocalBenchOptions = {}): Promise<GlueLocalFigures> {
  const calls = options.calls ?? 2_000;
  const concurrency = options.concurrency ?? 8;
  const rounds = options.rounds ?? 5;
  const log = options.log ?? (() => {});

  const glue = await startGlueLocal({ timeScale: 1_000, env: {} });
  const admin = client(glue.endpoint);
  await createChain(admin);
  const { RunId } = await admin.send(new StartWorkflowRunCommand({ Name: "bench-chain" }));
  await glue.runUntilIdle();
  const request = { Name: "bench-chain", RunId, IncludeGraph: true };
  const check = await admin.send(new GetWorkflowRunCommand(request));
  const graphNodes = check.Run?.Graph?.Nodes?.length ?? 0;
  if (graphNodes !== 2 * JOBS || check.Run?.Status !== "COMPLETED")
    throw new Error(`unexpected bench run: ${graphNodes} nodes, ${check.Run?.Status}`);

  // The bare server answers exactly the bytes glue-local answers, with the same headers.
  const raw = await fetch(glue.endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSGlue.GetWorkflowRun" },
    body: JSON.stringify(request),
  });
  const payload = Buffer.from(await raw.arrayBuffer());
  const bare = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, {
        "content-type": "application/x-amz-json-1.1",
        "content-length": payload.length,
        "x-amzn-requestid": "00000000-0000-0000-0000-000000000000",
      });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));
  const bareEndpoint = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;

  const sdkGlue = client(glue.endpoint);
  const sdkBare = client(bareEndpoint);
  const command = new GetWorkflowRunCommand(request);
  const httpGlue = httpCaller(glue.endpoint, JSON.stringify(request));
  const httpBare = httpCaller(bareEndpoint, JSON.stringify(request));
  const clients = {
    http: { glue: httpGlue.call, bare: httpBare.call },
    sdk: { glue: () => sdkGlue.send(command), bare: () => sdkBare.send(command) },
  } as const;
  const figures: ClientFigure[] = [];
  try {
    for (const [name, calls_] of Object.entries(clients) as Array<[ClientFigure["client"], (typeof clients)["http"]]>) {
      // Warm both paths (JIT, keep-alive sockets) before timing.
      await throughput(200, concurrency, calls_.glue);
      await throughput(200, concurrency, calls_.bare);
      const glueRates: number[] = [];
      const bareRates: number[] = [];
      for (let round = 1; round <= rounds; round++) {
        glueRates.push(await throughput(calls, concurrency, calls_.glue));
        bareRates.push(await throughput(calls, concurrency, calls_.bare));
        log(
          `${name} round ${round}: glue-local ${glueRates.at(-1)?.toFixed(0)} calls/s, bare ${bareRates.at(-1)?.toFixed(0)} calls/s`,
        );
      }
      const g = Math.round(median(glueRates));
      const b = Math.round(median(bareRates));
      figures.push({
        client: name,
        glueLocalCallsPerSecond: g,
        bareCallsPerSecond: b,
        ratio: Math.round((g / b) * 100) / 100,
      });
    }
  } finally {
    for (const c of [admin, sdkGlue, sdkBare]) c.destroy();
    httpGlue.close();
    httpBare.close();
    bare.closeAllConnections();
    await new Promise((resolve) => bare.close(resolve));
    await glue.stop();
  }
  return {
    graphNodes,
    responseBytes: payload.length,
    getWorkflowRun: figures,
    concurrency,
    callsPerRound: calls,
    rounds,
  };
}
const CLIENT_LABEL = { http: "plain keep-alive HTTP client", sdk: "@aws-sdk/client-glue" } as const;

export function formatFigures(f: GlueLocalFigures): string {
  const rows = f.getWorkflowRun.map(
    (c) =>
      `| GetWorkflowRun (IncludeGraph, ${f.graphNodes}-node graph, ${(f.responseBytes / 1024).toFixed(1)} KB) calls/s ÷ bare node:http server with the same bytes, ${CLIENT_LABEL[c.client]} | ≥ ${GOAL_RATIO} | ${c.ratio} (${c.glueLocalCallsPerSecond} vs ${c.bareCallsPerSecond} calls/s, ${f.concurrency} in flight) |`,
  );
  return ["| figure | goal | measured |", "|---|---|---|", ...rows].join("\n");
}

async function main() {
  const { values } = parseArgs({
    options: {
      calls: { type: "string" },
      concurrency: { type: "string" },
      rounds: { type: "string" },
      json: { type: "boolean" },
    },
  });
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  console.log(`glue-local bench, Node ${process.versions.node}`);
  const figures = await runGlueLocalBench({
    calls: num(values.calls),
    concurrency: num(values.concurrency),
    rounds: num(values.rounds),
    log: (line) => console.log(line),
  });
  console.log(`\n${formatFigures(figures)}`);
  if (values.json) console.log(JSON.stringify(figures, null, 2));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
