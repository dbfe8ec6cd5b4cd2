/**
 * The Glue calls commands make; each failure of Glue itself surfaces as a
 * GlueCallError (see errors.ts).
 */
import {
  GetWorkflowRunCommand,
  GetWorkflowRunPropertiesCommand,
  type GlueClient,
  PutWorkflowRunPropertiesCommand,
  ResumeWorkflowRunCommand,
  StartWorkflowRunCommand,
  StopWorkflowRunCommand,
} from "@aws-sdk/client-glue";
import type { RunProperties, WorkflowRun } from "@glue-run-tracker/glue-model";
import { toRunSnapshot } from "../workflow-run/snapshot.ts";
import type { RunSnapshot } from "../workflow-run/types.ts";
import { toGlueCallError } from "./errors.ts";

async function call<T>(operation: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw toGlueCallError(operation, error);
  }
}

export async function startWorkflowRun(glue: GlueClient, name: string, runProperties?: RunProperties) {
  const output = await call("StartWorkflowRun", () =>
    glue.send(new StartWorkflowRunCommand({ Name: name, RunProperties: runProperties })),
  );
  return output.RunId as string;
}

export async function stopWorkflowRun(glue: GlueClient, name: string, runId: string): Promise<void> {
  await call("StopWorkflowRun", () => glue.send(new StopWorkflowRunCommand({ Name: name, RunId: runId })));
}

export async function resumeWorkflowRun(glue: GlueClient, name: string, runId: string, nodeIds: string[]) {
  const output = await call("ResumeWorkflowRun", () =>
    glue.send(new ResumeWorkflowRunCommand({ Name: name, RunId: runId, NodeIds: nodeIds })),
  );
  return { runId: output.RunId as string, nodeIds: output.NodeIds ?? [] };
}

export async function getWorkflowRunProperties(glue: GlueClient, name: string, runId: string) {
  const output = await call("GetWorkflowRunProperties", () =>
    glue.send(new GetWorkflowRunPropertiesCommand({ Name: name, RunId: runId })),
  );
  return output.RunProperties ?? {};
}

export async function putWorkflowRunProperties(
  glue: GlueClient,
  name: string,
  runId: string,
  runProperties: RunProperties,
): Promise<void> {
  await call("PutWorkflowRunProperties", () =>
    glue.send(new PutWorkflowRunPropertiesCommand({ Name: name, RunId: runId, RunProperties: runProperties })),
  );
}

/** The run as Glue describes it now, graph included, with ISO timestamps. */
export async function getWorkflowRun(glue: GlueClient, name: string, runId: string): Promise<RunSnapshot> {
  const output = await call("GetWorkflowRun", () =>
    glue.send(new GetWorkflowRunCommand({ Name: name, RunId: runId, IncludeGraph: true })),
  );
  // The SDK types enums as plain strings; Glue's values are the seed's.
  return toRunSnapshot((output.Run ?? {}) as WorkflowRun);
}
