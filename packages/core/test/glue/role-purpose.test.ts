/** Which member role each caller assumes, and what each role may call: the read role never changes a run. */
import { describe, expect, it } from "vitest";
import { GlueCalls, GlueRolePurpose, glueActionsOfRole } from "../../src/glue/index.ts";

const COMMANDS = [
  "glue:StartWorkflowRun",
  "glue:StopWorkflowRun",
  "glue:ResumeWorkflowRun",
  "glue:PutWorkflowRunProperties",
];

describe("member roles by caller", () => {
  it("gives every caller a purpose: observers read, commands and auto-resume operate", () => {
    expect(Object.keys(GlueRolePurpose).sort()).toEqual(Object.keys(GlueCalls).sort());
    expect(GlueRolePurpose).toEqual({
      ingest: "read",
      reconciler: "read",
      backfill: "read",
      commands: "operate",
      resumeWorker: "operate",
    });
  });

  it("grants the read role its callers' calls and no command", () => {
    const read = glueActionsOfRole("read");

    expect(read.sort()).toEqual([
      "glue:GetJobRun",
      "glue:GetTrigger",
      "glue:GetWorkflow",
      "glue:GetWorkflowRun",
      "glue:GetWorkflowRuns",
      "glue:ListWorkflows",
    ]);
    expect(read.filter((action) => COMMANDS.includes(action))).toEqual([]);
  });

  it("grants the operate role the commands and auto-resume's calls, each once", () => {
    expect(glueActionsOfRole("operate").sort()).toEqual([
      "glue:GetWorkflowRun",
      "glue:GetWorkflowRunProperties",
      "glue:PutWorkflowRunProperties",
      "glue:ResumeWorkflowRun",
      "glue:StartWorkflowRun",
      "glue:StopWorkflowRun",
    ]);
  });
});
