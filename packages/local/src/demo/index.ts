import { type GlueClient, StartWorkflowRunCommand } from "@aws-sdk/client-glue";
import { createDemoWorkflow } from "./create.ts";
import { type DemoWorkflow, demoWorkflows } from "./workflows.ts";

export interface DemoOptions {
  glue: GlueClient;
  /** Time between two runs of each workflow, so history accumulates while you watch. */
  intervalMs: number;
  log: (line: string) => void;
  /** Stores a demo workflow's settings (its overdue limit) in the tracker. */
  applySettings: (workflowName: string, settings: NonNullable<DemoWorkflow["settings"]>) => Promise<void>;
  /** Default: the home account's demoWorkflows. */
  workflows?: readonly DemoWorkflow[];
  /** Names the account in every line, e.g. "analytics (222222222222, eu-west-1)"; default none (home). */
  account?: string;
}

export interface RunningDemo {
  stop(): void;
}

/**
 * Creates the demo workflows in glue-local and starts each on a schedule, as Glue's
 * scheduled triggers would. Every line it prints starts with "[demo]".
 */
export async function startDemo({
  glue,
  intervalMs,
  log: print,
  applySettings,
  workflows = demoWorkflows,
  account,
}: DemoOptions): Promise<RunningDemo> {
  const log = (line: string) => print(account ? line.replace(/^\[demo\] /, `[demo] ${account}: `) : line);
  for (const wf of workflows) {
    await createDemoWorkflow(glue, wf);
    log(`[demo] workflow ${wf.name}: ${wf.story}`);
    if (wf.settings) await applySettings(wf.name, wf.settings);
  }
  let stopped = false;
  let round = 0;
  const startAll = async () => {
    round += 1;
    for (const wf of workflows) {
      if (stopped) return;
      if (wf.once && round > 1) continue;
      try {
        const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: wf.name }));
        log(`[demo] started ${wf.name} run ${RunId}`);
      } catch (error) {
        // A previous run still going (MaxConcurrentRuns 1) is expected on a busy schedule.
        log(`[demo] ${wf.name} not started: ${(error as Error).name}: ${(error as Error).message}`);
      }
    }
  };
  await startAll();
  const timer = setInterval(() => void startAll(), intervalMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

export { analyticsDemoWorkflows, demoWorkflows } from "./workflows.ts";
