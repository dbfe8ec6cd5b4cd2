/** dynalite, DynamoDB's API in-process: in memory, or in a LevelDB folder with --data-dir. */
import type { AddressInfo } from "node:net";

export interface LocalDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startDynalite(options: { port: number; path?: string }): Promise<LocalDynamo> {
  const { default: dynalite } = await import("dynalite");
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.path ? { path: options.path } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
