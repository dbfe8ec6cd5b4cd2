/**
 * The seed's field constraints as zod schemas. Each failing check names the field
 * (through zod's path) and the rule (in `params.rule`), so the error says both.
 * Bounds follow Glue's service model (botocore); glue-local's
 * test/fixtures/glue-model-bounds.json holds the model's facts the tests check against.
 */
import * as z from "zod";
import { GlueErrorCode } from "../enums.ts";

const encoder = new TextEncoder();
export const utf8Bytes = (s: string): number => encoder.encode(s).length;

/** Glue's single-line string pattern (NameString / IdString): no CR or LF. */
export const SINGLE_LINE = /^[\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}\t]*$/u;
/** Glue's multi-line pattern (descriptions): like SINGLE_LINE, plus CR and LF. */
export const MULTI_LINE = /^[\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}\r\n\t]*$/u;

type IssueParams = { rule: string; glueCode?: GlueErrorCode };

/** A string of min..max UTF-8 bytes, matching `pattern` when one is given. */
export function boundedString(min: number, max: number, pattern?: RegExp, patternRule = "pattern") {
  return z.string({ error: "must be a string" }).check((ctx) => {
    const bytes = utf8Bytes(ctx.value);
    if (bytes < min || bytes > max) {
      ctx.issues.push({
        code: "custom",
        input: ctx.value,
        message: `must be ${min}–${max} UTF-8 bytes long (got ${bytes})`,
        params: { rule: "length" } satisfies IssueParams,
      });
    } else if (pattern && !pattern.test(ctx.value)) {
      ctx.issues.push({
        code: "custom",
        input: ctx.value,
        message:
          patternRule === "single-line"
            ? "must be a single line (no line breaks or control characters)"
            : "contains characters Glue does not accept",
        params: { rule: patternRule } satisfies IssueParams,
      });
    }
  });
}

/** Workflow, job, crawler and trigger names; run ids; node ids. */
export const glueName = () => boundedString(1, 255, SINGLE_LINE, "single-line");
/** Workflow descriptions (the model's WorkflowDescriptionString): up to 120,000, any characters. */
export const description = () => boundedString(0, 120_000);

/** Run properties: keys 1–255 bytes single-line, values strings. */
export const runProperties = () =>
  z.record(glueNameKey(), z.string({ error: "must be a string" }), { error: "must be an object of string values" });

function glueNameKey() {
  return boundedString(1, 255, SINGLE_LINE, "single-line");
}

export const MAX_TAGS = 50;
/** Tags: at most 50 pairs (ResourceNumberLimitExceeded past that), keys 1–128 bytes, values ≤ 256 bytes, any characters. */
export const tags = () =>
  z
    .record(boundedString(1, 128), boundedString(0, 256), {
      error: "must be an object of string values",
    })
    .check((ctx) => {
      const count = Object.keys(ctx.value).length;
      if (count > MAX_TAGS) {
        ctx.issues.push({
          code: "custom",
          input: ctx.value,
          message: `must hold at most ${MAX_TAGS} tags (got ${count})`,
          params: { rule: "max-tags", glueCode: GlueErrorCode.ResourceNumberLimitExceeded } satisfies IssueParams,
        });
      }
    });

/** An integer in [min, max]. */
export const intInRange = (min: number, max: number) =>
  z
    .number({ error: "must be a number" })
    .int({ error: "must be an integer" })
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` });

/** Any 32-bit integer: the model's integers without a range (e.g. MaxConcurrentRuns; ≤ 0 means no limit). */
export const int32 = () => intInRange(-2_147_483_648, 2_147_483_647);

export const maxResults = (max = 1000) => intInRange(1, max);

/** A list of names (e.g. ResumeWorkflowRun NodeIds, BatchGetWorkflows Names). */
export const nameList = (min: number, max = Number.POSITIVE_INFINITY) => {
  const list = z
    .array(glueName(), { error: "must be a list of strings" })
    .min(min, { error: min === 1 ? "must not be empty" : `must hold at least ${min} items` });
  return Number.isFinite(max) ? list.max(max, { error: `must hold at most ${max} items` }) : list;
};

/** The model's NextToken is any string; an empty one asks for the first page, as no token does. */
export const nextToken = () => z.string({ error: "must be a string" });
