/**
 * The local runtime's ports, checked before anything starts: every busy port is
 * reported at once, each with the variable that moves it, and two of our own
 * settings on one port are named as such (not blamed on whoever happened to bind second).
 */
import { createServer } from "node:net";
import { LocalConfigName } from "@glue-run-tracker/core";
import { PortInUseError } from "./errors.ts";

/** Environment names for the ports (core's LocalConfigName), and their defaults. */
export const PortSetting = {
  api: { variable: LocalConfigName.ApiPort, fallback: 3000, label: "the tracker API" },
  glue: { variable: LocalConfigName.GluePort, fallback: 4571, label: "glue-local" },
  dynamodb: { variable: LocalConfigName.DynamoDbPort, fallback: 4572, label: "DynamoDB (dynalite)" },
  events: { variable: LocalConfigName.EventsPort, fallback: 4573, label: "the local EventBridge/SQS endpoint" },
  glueMember: {
    variable: LocalConfigName.GlueMemberPort,
    fallback: 4904,
    label: "glue-local of the second account, 222222222222",
  },
  sts: { variable: LocalConfigName.StsPort, fallback: 4905, label: "the local STS stand-in" },
} as const;
export type PortName = keyof typeof PortSetting;

/**
 * Throws PortInUseError listing every clash: settings sharing a port, then ports
 * another process holds. Port 0 (pick a free one) never clashes.
 *
 * @example
 * await checkPorts({ api: 3000, glue: 4571, dynamodb: 4572, events: 4573, glueMember: 4904, sts: 4905 });
 */
export async function checkPorts(ports: Record<PortName, number>, host = "127.0.0.1"): Promise<void> {
  const problems: string[] = [];
  const byPort = new Map<number, PortName[]>();
  for (const name of Object.keys(ports) as PortName[]) {
    if (ports[name] !== 0) byPort.set(ports[name], [...(byPort.get(ports[name]) ?? []), name]);
  }
  for (const [port, names] of byPort) {
    if (names.length > 1) {
      const variables = names.map((name) => PortSetting[name].variable);
      problems.push(
        `Port ${port} is set for ${names.map((n) => PortSetting[n].label).join(" and ")} (${variables.join(" = ")}): give ${variables.at(-1)} another port`,
      );
    }
  }
  const busy = await Promise.all(
    [...byPort]
      .filter(([, names]) => names.length === 1)
      .map(async ([port, [name]]) => ((await isFree(port, host)) ? undefined : { port, name: name as PortName })),
  );
  for (const clash of busy) {
    if (!clash) continue;
    const { variable, label } = PortSetting[clash.name];
    problems.push(
      `Port ${clash.port} (${label}) is already in use. Stop what uses it, or set ${variable} to another port, e.g. ${variable}=${clash.port + 10} npm start`,
    );
  }
  if (problems.length === 0) return;
  const first = busy.find(Boolean) ?? { port: byPort.keys().next().value ?? 0 };
  const error = new PortInUseError(host, first.port);
  error.message = problems.join("\n");
  throw error;
}

function isFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}
