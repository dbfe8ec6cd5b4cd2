/**
 * Field schemas shared by the API's requests, built from the seed's validators so
 * the API enforces exactly the constraints Glue does (names 1–255 UTF-8 bytes,
 * single line; non-empty lists) before anything is called.
 */
import { Accounts } from "@glue-run-tracker/core";
import { glueName, maxResults, nextToken } from "@glue-run-tracker/glue-model";
import * as z from "zod";

/** A workflow name or run id taken from a (URL-decoded) path segment. */
export const pathName = (what: string) =>
  glueName().meta({
    description: `${what}: 1–255 UTF-8 bytes, a single line (URL-encode it in the path).`,
    minLength: 1,
    maxLength: 255,
  });

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** `maxResults` as a query string: a plain decimal integer, 1–1000, default 100. */
export const maxResultsParam = () =>
  z
    .string()
    .regex(/^[0-9]{1,7}$/, { error: "must be a whole number" })
    .transform(Number)
    .pipe(maxResults(MAX_PAGE_SIZE))
    .optional()
    .transform((value) => value ?? DEFAULT_PAGE_SIZE)
    .meta({
      type: "integer",
      minimum: 1,
      maximum: MAX_PAGE_SIZE,
      default: DEFAULT_PAGE_SIZE,
      description: "Page size, 1–1000 (default 100).",
    });

/** The opaque, tamper-evident token of the previous page; empty means the first page, as in Glue. */
export const nextTokenParam = () =>
  nextToken()
    .max(4096, { error: "is too long" })
    .optional()
    .transform((token) => (token === "" ? undefined : token))
    .meta({ description: "NextToken of the previous page, unchanged (empty: the first page)." });

/** `true` or `false`, nothing else; absent means false. */
export const booleanParam = (description: string) =>
  z
    .enum(["true", "false"], { error: "must be true or false" })
    .optional()
    .transform((value) => value === "true")
    .meta({ description });

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An ISO-8601 instant (`2024-05-01T12:00:00Z`, an offset, or a date meaning its
 * 00:00 UTC); normalised to the UTC form the store compares lexically.
 */
export const instantParam = (description: string) =>
  z
    .union([z.iso.datetime({ offset: true }), z.string().regex(DATE_ONLY)], {
      error: "must be an ISO-8601 date or date-time",
    })
    .transform((value, ctx) => {
      const dateOnly = DATE_ONLY.test(value);
      const time = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
      // Date.parse rolls 2024-02-30 over to March; a real date survives the round trip.
      if (Number.isNaN(time) || (dateOnly && new Date(time).toISOString().slice(0, 10) !== value)) {
        ctx.issues.push({ code: "custom", input: value, message: "is not a real date" });
        return z.NEVER;
      }
      return new Date(time).toISOString();
    })
    .optional()
    .meta({ description, format: "date-time" });

/**
 * `account`: the 12-digit AWS account a route addresses (docs/decisions/accounts-api.md);
 * absent = the tracker's home account (on lists: see the route).
 */
export const accountParam = (description: string) =>
  z
    .string()
    .regex(Accounts.ACCOUNT_ID, { error: "must be a 12-digit AWS account id" })
    .optional()
    .meta({ description, pattern: Accounts.ACCOUNT_ID.source });

/** `region`: the AWS region a route addresses, e.g. eu-west-1; absent = the home account's region. */
export const regionParam = (description: string) =>
  z
    .string()
    .max(32, { error: "is too long" })
    .regex(Accounts.REGION, { error: "must be an AWS region such as eu-west-1" })
    .optional()
    .meta({ description, pattern: Accounts.REGION.source });
