/**
 * A real local tracker (runtime, glue-local, dynalite; the page built at start-up) for the browser
 * tests, with a few workflows created in glue-local and runs driven through the tracker API.
 */
import type { DemoWorkflow } from "../../../packages/local/src/demo/workflows.ts";
import { type E2eTracker, eventually, oneJobWorkflow, startE2eTracker } from "../../e2e/support.ts";

export { eventually };

/** Markup a run could carry in an error message or a property: must show as text, never run. */
export const HOSTILE_MARKUP = `<img src=x onerror="window.__injected=true">`;

export const TOKEN = "browser-test-token";

export const Workflows = {
  /** Fails once with a non-transient error holding HTML (auto-resume leaves it), then succeeds. */
  flaky: {
    ...oneJobWorkflow("browser-flaky", {
      "--sim-duration-ms": "500",
      "--sim-fail-attempts": "1",
      "--sim-error-message": `AnalysisException: ${HOSTILE_MARKUP} path does not exist`,
    }),
    defaultRunProperties: { note: HOSTILE_MARKUP },
  } satisfies DemoWorkflow,
  /** Runs for 10 minutes of simulated time (30 s here): long enough to be stopped from the page. */
  long: oneJobWorkflow("browser-long", { "--sim-duration-ms": "600000" }),
};

export interface BrowserStack extends E2eTracker {
  /** Starts a run through the tracker API and waits until it reaches `outcome`. */
  runUntil(workflow: string, outcome: string): Promise<string>;
}

export async function startBrowserStack(env: Record<string, string> = {}): Promise<BrowserStack> {
  const t = await startE2eTracker({ AUTO_RESUME_ENABLED: "false", ...env });
  const token = env.TRACKER_API_TOKEN;
  return Object.assign(t, {
    async runUntil(workflow: string, outcome: string) {
      const started = await t.api(`/workflows/${workflow}/runs`, { method: "POST", body: "{}", token });
      if (started.status !== 201) throw new Error(`Could not start ${workflow}: ${JSON.stringify(started.body)}`);
      const runId: string = started.body.RunId;
      await eventually(`${workflow} run to end ${outcome}`, async () => {
        const { body } = await t.api(`/workflows/${workflow}/runs/${runId}`, { token });
        return body.Run?.Outcome === outcome ? true : undefined;
      });
      return runId;
    },
  });
}
