/**
 * How an outcome or a node state looks: a tone (the colour family) and the text that
 * always goes with it, so the state is never shown by colour alone. Unknown values get
 * a neutral tone and are shown as they came.
 */

export const Tone = {
  Ok: "ok",
  Fail: "fail",
  Running: "running",
  Stopped: "stopped",
  Waiting: "waiting",
  Unknown: "unknown",
} as const;
export type Tone = (typeof Tone)[keyof typeof Tone];

const TONE_OF: Record<string, Tone> = {
  SUCCEEDED: Tone.Ok,
  COMPLETED: Tone.Ok,
  FAILED: Tone.Fail,
  ERROR: Tone.Fail,
  TIMEOUT: Tone.Fail,
  RUNNING: Tone.Running,
  STARTING: Tone.Running,
  STOPPING: Tone.Stopped,
  STOPPED: Tone.Stopped,
  CANCELLED: Tone.Stopped,
  CANCELLING: Tone.Stopped,
  EXPIRED: Tone.Stopped,
  WAITING: Tone.Waiting,
  NOT_RUN: Tone.Waiting,
  CREATED: Tone.Waiting,
  ACTIVATED: Tone.Waiting,
  DEACTIVATED: Tone.Waiting,
  UNKNOWN: Tone.Unknown,
};

/** The tone of a run Outcome, a job run / crawl state or a trigger state. */
export function toneOf(value: string | undefined): Tone {
  if (value === undefined) return Tone.Unknown;
  return TONE_OF[value] ?? Tone.Unknown;
}

/**
 * Fill (background) and ink (text) per tone. Every pair keeps a contrast of at least
 * 4.5:1 (WCAG AA for text); the unit test measures it.
 */
export const TONE_COLOURS: Record<Tone, { fill: string; ink: string; stroke: string }> = {
  ok: { fill: "#e6f4ea", ink: "#0d5323", stroke: "#2e7d32" },
  fail: { fill: "#fde7e7", ink: "#9b1c1c", stroke: "#c62828" },
  running: { fill: "#e3effd", ink: "#0b4a8b", stroke: "#1565c0" },
  stopped: { fill: "#fff3d6", ink: "#6b4500", stroke: "#b26a00" },
  waiting: { fill: "#f1f3f5", ink: "#3d4550", stroke: "#8a939e" },
  unknown: { fill: "#efe9f7", ink: "#4a2a7a", stroke: "#7e57c2" },
};

/** A short readable label: values pass through; a missing one says so. */
export function stateLabel(value: string | undefined): string {
  if (value === undefined || value === "") return "—";
  return value === "NOT_RUN" ? "NOT RUN" : value;
}
