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

/** The Glue client and how long one call may take (an abort that works with any SDK v3). */
export interface GlueCaller {
  glue: GlueClient;
  glueTimeoutMs?: number;
}

async function call<T>(
  caller: GlueCaller,
  operation: string,
  send: (options: { abortSignal?: AbortSignal }) => Promise<T>,
): Promise<T> {
  const abortSignal = caller.glueTimeoutMs ? AbortSignal.timeout(caller.glueTimeoutMs) : undefined;
  try {
    return await send(abortSignal ? { abortSignal } : {});
  } catch (error) {
    throw toGlueCallError(operation, error);
  }
}

export async function startWorkflowRun(caller: GlueCaller, name: string, runProperties?: RunProperties) {
  const output = await call(caller, "StartWorkflowRun", (options) =>
    caller.glue.send(new StartWorkflowRunCommand({ Name: name, RunProperties: runProperties }), options),
  );
  return output.RunId as string;
}

export async function stopWorkflowRun(caller: GlueCaller, name: string, runId: string): Promise<void> {
  await call(caller, "StopWorkflowRun", (options) =>
    caller.glue.send(new StopWorkflowRunCommand({ Name: name, RunId: runId }), options),
  );
}

export async function resumeWorkflowRun(caller: GlueCaller, name: string, runId: string, nodeIds: string[]) {
  const output = await call(caller, "ResumeWorkflowRun", (options) =>
    caller.glue.send(new ResumeWorkflowRunCommand({ Name: name, RunId: runId, NodeIds: nodeIds }), options),
  );
  return { runId: output.RunId as string, nodeIds: output.NodeIds ?? [] };
}

export async function getWorkflowRunProperties(caller: GlueCaller, name: string, runId: string) {
  const output = await call(caller, "GetWorkflowRunProperties", (options) =>
    caller.glue.send(new GetWorkflowRunPropertiesCommand({ Name: name, RunId: runId }), options),
  );
  return output.RunProperties ?? {};
}

export async function putWorkflowRunProperties(
  caller: GlueCaller,
  name: string,
  runId: string,
  runProperties: RunProperties,
): Promise<void> {
  await call(caller, "PutWorkflowRunProperties", (options) =>
    caller.glue.send(
      new PutWorkflowRunPropertiesCommand({ Name: name, RunId: runId, RunProperties: runProperties }),
      options,
    ),
  );
}

/** The run as Glue describes it now, graph included, with ISO timestamps. */
export async function getWorkflowRun(caller: GlueCaller, name: string, runId: string): Promise<RunSnapshot> {
  const output = await call(caller, "GetWorkflowRun", (options) =>
    caller.glue.send(new GetWorkflowRunCommand({ Name: name, RunId: runId, IncludeGraph: true }), options),
  );
  // The SDK types enums as plain strings; Glue's values are the seed's.
  return toRunSnapshot((output.Run ?? {}) as WorkflowRun);
}
