/**
 * Per-workflow settings: the overdue limit and its baseline, the schedule's grace,
 * a mute, the Slack webhook to use (by NAME: a webhook URL is a secret and lives in
 * configuration, never in settings) and whether auto-resume applies.
 * docs/decisions/insights-cost-and-settings.md.
 *
 * Two shapes: `WorkflowSettings` (camelCase, what core reads) and the API's body
 * (PascalCase, as every body of the tracker's API): `SettingsBody` parses one into
 * the other, `settingsBody` writes it back.
 */
import * as z from "zod";

const MAX_LIMIT_MINUTES = 30 * 24 * 60;
/** A configured webhook's name: letters, digits, `_` and `-`. */
export const WEBHOOK_NAME = /^[A-Za-z0-9_-]{1,64}$/;

const fields = {
  runTimeLimitMinutes: z.number().int().min(1).max(MAX_LIMIT_MINUTES),
  overdueFactor: z.number().min(1).max(100),
  minRunsForBaseline: z.number().int().min(1).max(1000),
  scheduleGraceMinutes: z.number().int().min(0).max(1440),
  muteUntil: z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString()),
  slackWebhook: z
    .string()
    .refine((value) => !/^[a-z][a-z0-9+.-]*:/i.test(value), "must name a configured webhook, not be a URL")
    .pipe(z.string().regex(WEBHOOK_NAME, "must be a webhook name (1–64 letters, digits, _ or -)"))
    .meta({ description: "Name of a configured Slack webhook (1–64 letters, digits, _ or -); never a URL." }),
  autoResume: z.boolean(),
};

/** What core reads; every field optional (see DEFAULT_WORKFLOW_SETTINGS). */
export const WorkflowSettings = z.object({
  runTimeLimitMinutes: fields.runTimeLimitMinutes.optional(),
  overdueFactor: fields.overdueFactor.optional(),
  minRunsForBaseline: fields.minRunsForBaseline.optional(),
  scheduleGraceMinutes: fields.scheduleGraceMinutes.optional(),
  muteUntil: fields.muteUntil.optional(),
  slackWebhook: fields.slackWebhook.optional(),
  autoResume: fields.autoResume.optional(),
});
export type WorkflowSettings = z.output<typeof WorkflowSettings>;

/** Applied by RunStore.getWorkflowSettings where a workflow sets nothing. */
export const DEFAULT_WORKFLOW_SETTINGS = {
  overdueFactor: 1.5,
  minRunsForBaseline: 5,
  scheduleGraceMinutes: 15,
} as const satisfies WorkflowSettings;

/** The API's PascalCase names for each field. */
const WIRE_NAMES = {
  runTimeLimitMinutes: "RunTimeLimitMinutes",
  overdueFactor: "OverdueFactor",
  minRunsForBaseline: "MinRunsForBaseline",
  scheduleGraceMinutes: "ScheduleGraceMinutes",
  muteUntil: "MuteUntil",
  slackWebhook: "SlackWebhook",
  autoResume: "AutoResume",
} as const satisfies Record<keyof WorkflowSettings, string>;
type WireName = (typeof WIRE_NAMES)[keyof typeof WIRE_NAMES];
export type WorkflowSettingsBody = { [K in keyof WorkflowSettings as (typeof WIRE_NAMES)[K]]?: WorkflowSettings[K] };

/**
 * PUT /workflows/{name}/settings's body: every field optional, unknown fields refused
 * (a typo must not be dropped silently). PUT replaces: a field left out is unset.
 *
 * @example
 * SettingsBody.parse({ OverdueFactor: 2, SlackWebhook: "data-team" }); // { overdueFactor: 2, slackWebhook: "data-team" }
 */
export const SettingsBody = z
  .strictObject(
    Object.fromEntries(
      Object.entries(WIRE_NAMES).map(([field, wire]) => [wire, fields[field as keyof typeof fields].optional()]),
    ) as { [K in keyof typeof WIRE_NAMES as (typeof WIRE_NAMES)[K]]: z.ZodOptional<(typeof fields)[K]> },
  )
  .transform((body) => {
    const settings: Record<string, unknown> = {};
    for (const [field, wire] of Object.entries(WIRE_NAMES)) {
      const value = body[wire as WireName];
      if (value !== undefined) settings[field] = value;
    }
    return settings as WorkflowSettings;
  });

/** Settings in the API's PascalCase. */
export function settingsBody(settings: WorkflowSettings): WorkflowSettingsBody {
  const body: Record<string, unknown> = {};
  for (const [field, wire] of Object.entries(WIRE_NAMES)) {
    const value = settings[field as keyof WorkflowSettings];
    if (value !== undefined) body[wire] = value;
  }
  return body as WorkflowSettingsBody;
}

/** Stored settings with the defaults filled in; an item that no longer parses counts as unset field by field. */
export function withDefaults(stored: unknown): WorkflowSettings {
  const settings: Record<string, unknown> = { ...DEFAULT_WORKFLOW_SETTINGS };
  if (stored && typeof stored === "object") {
    for (const [field, schema] of Object.entries(WorkflowSettings.shape)) {
      const parsed = schema.safeParse((stored as Record<string, unknown>)[field]);
      if (parsed.success && parsed.data !== undefined) settings[field] = parsed.data;
    }
  }
  return settings as WorkflowSettings;
}

/** True while alerts for this workflow are muted. */
export function alertsMuted(settings: Pick<WorkflowSettings, "muteUntil">, now: Date): boolean {
  return settings.muteUntil !== undefined && Date.parse(settings.muteUntil) > now.getTime();
}
