/** Start / Stop / Resume: each confirms in a dialog, calls the API and reports the result. */
import { useState } from "preact/hooks";
import type { TrackerApi } from "../api.ts";
import type { Run } from "../api-types.ts";
import { Link } from "../components.tsx";
import { ConfirmDialog } from "../dialog.tsx";
import { runHref } from "../routes.ts";
import { resumableNodes } from "../run-actions.ts";
import { type Where, whereOf } from "../where.ts";

export interface ActionResult {
  text: string;
  link?: { href: string; label: string };
}

export function ActionStatus(props: { result: ActionResult | undefined }) {
  return (
    <div role="status" class={props.result ? "notice" : "visually-hidden"}>
      {props.result ? (
        <>
          {props.result.text}
          {props.result.link ? <Link href={props.result.link.href}>{props.result.link.label}</Link> : null}
        </>
      ) : null}
    </div>
  );
}

export function StartRunButton(props: {
  api: TrackerApi;
  workflow: string;
  where?: Where | undefined;
  onDone: (result: ActionResult) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" class="button" onClick={() => setOpen(true)}>
        Start run
      </button>
      {open ? (
        <ConfirmDialog
          title="Start run"
          onClose={() => setOpen(false)}
          onConfirm={async () => {
            const { RunId } = await props.api.startRun(props.workflow, props.where);
            props.onDone({
              text: "Started run ",
              link: { href: runHref(props.workflow, RunId, props.where), label: RunId },
            });
          }}
        >
          <p>
            Start a new run of <strong>{props.workflow}</strong> with its default run properties?
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

export function StopRunButton(props: { api: TrackerApi; run: Run; onDone: (result: ActionResult) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" class="button danger" onClick={() => setOpen(true)}>
        Stop run
      </button>
      {open ? (
        <ConfirmDialog
          title="Stop run"
          onClose={() => setOpen(false)}
          onConfirm={async () => {
            await props.api.stopRun(props.run.Name, props.run.WorkflowRunId, whereOf(props.run));
            props.onDone({ text: "Stop requested: the run goes STOPPING, then STOPPED." });
          }}
        >
          <p>
            Stop run <code>{props.run.WorkflowRunId}</code> of <strong>{props.run.Name}</strong>? Running jobs and
            crawls are stopped; nothing new starts.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

export function ResumeRunButton(props: { api: TrackerApi; run: Run; onDone: (result: ActionResult) => void }) {
  const [open, setOpen] = useState(false);
  const nodes = resumableNodes(props.run);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const openDialog = () => {
    setChosen(new Set(nodes.filter((n) => n.failed).map((n) => n.id)));
    setOpen(true);
  };
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };
  return (
    <>
      <button type="button" class="button" onClick={openDialog}>
        Resume run
      </button>
      {open ? (
        <ConfirmDialog
          title="Resume run"
          onClose={() => setOpen(false)}
          confirmDisabled={chosen.size === 0}
          onConfirm={async () => {
            const where = whereOf(props.run);
            const { RunId } = await props.api.resumeRun(props.run.Name, props.run.WorkflowRunId, [...chosen], where);
            props.onDone({ text: "Resumed as ", link: { href: runHref(props.run.Name, RunId, where), label: RunId } });
          }}
        >
          {(props.run.ResumedAs ?? []).length > 0 ? (
            <p class="notice">
              Already resumed as {(props.run.ResumedAs ?? []).join(", ")}; confirming starts another resumed run.
            </p>
          ) : null}
          <fieldset class="checklist">
            <legend>Nodes to run again (failed nodes are pre-selected)</legend>
            {nodes.map((n) => (
              <label key={n.id} class="check">
                <input
                  type="checkbox"
                  checked={chosen.has(n.id)}
                  onChange={(e) => toggle(n.id, e.currentTarget.checked)}
                />
                {n.label}
              </label>
            ))}
          </fieldset>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
