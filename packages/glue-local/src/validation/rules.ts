/**
 * A small declarative validator for the operations outside the seed's 13 (those use the seed's
 * zod schemas directly). It keeps the seed's rules and error shape: a failure throws the
 * seed's SeedValidationError naming the field and the rule, e.g. `Actions.0.JobName: must be
 * 1–255 UTF-8 bytes long (got 0)`. Unknown fields are dropped, as AWS services ignore them.
 *
 * (glue-local cannot import zod itself: the workspace root resolves `zod` to v3, while the
 * seed's schemas are zod 4.)
 */
import {
  type GlueErrorCode,
  MAX_TAGS,
  MULTI_LINE,
  SeedValidationError,
  SINGLE_LINE,
  utf8Bytes,
  validate,
  type WorkflowOperation,
  type WorkflowOperationInput,
  WorkflowOperationInputs,
} from "@glue-run-tracker/glue-model";

/** Checks `value` found at `path` and returns it (cleaned); throws SeedValidationError. */
export type Validator<T> = (value: unknown, path: string) => T;

export function fail(path: string, rule: string, message: string, code?: GlueErrorCode): never {
  const field = path === "" ? "(input)" : path;
  throw new SeedValidationError(field, rule, `${field}: ${message}`, code);
}

const join = (path: string, key: string | number) => (path === "" ? String(key) : `${path}.${key}`);

/** Every validator but `optional(...)` requires its value. */
function present(value: unknown, path: string): void {
  if (value === undefined || value === null) fail(path, "required", "is required");
}

export function string(min: number, max: number, pattern?: RegExp, patternRule = "pattern"): Validator<string> {
  return (value, path) => {
    present(value, path);
    if (typeof value !== "string") fail(path, "type", "must be a string");
    const bytes = utf8Bytes(value);
    if (bytes < min || bytes > max) fail(path, "length", `must be ${min}–${max} UTF-8 bytes long (got ${bytes})`);
    if (pattern && !pattern.test(value)) {
      fail(
        path,
        patternRule,
        patternRule === "single-line"
          ? "must be a single line (no line breaks or control characters)"
          : "contains characters Glue does not accept",
      );
    }
    return value;
  };
}

/** Names and ids: 1–255 bytes, single line. */
export const name = () => string(1, 255, SINGLE_LINE, "single-line");
/** Job, crawler and trigger descriptions (the model's DescriptionString): up to 2048 bytes, line breaks allowed. */
export const description = () => string(0, 2048, MULTI_LINE, "multi-line");
/** Any string, empty included (the model's unbounded strings: Role, Schedule, DatabaseName…). */
export const text = () => string(0, Number.MAX_SAFE_INTEGER);

export const integer =
  (min: number, max: number): Validator<number> =>
  (value, path) => {
    present(value, path);
    if (typeof value !== "number") fail(path, "type", "must be a number");
    if (!Number.isInteger(value)) fail(path, "type", "must be an integer");
    if (value < min || value > max) fail(path, "range", `must be between ${min} and ${max}`);
    return value;
  };

/** Any 32-bit integer: the model's integers without a range (MaxRetries, NumberOfWorkers…). */
export const int32 = () => integer(-2_147_483_648, 2_147_483_647);

export const boolean = (): Validator<boolean> => (value, path) => {
  present(value, path);
  if (typeof value !== "boolean") fail(path, "type", "must be a boolean");
  return value;
};

export const oneOf =
  <T extends string>(values: readonly T[]): Validator<T> =>
  (value, path) => {
    present(value, path);
    if (typeof value !== "string" || !(values as readonly string[]).includes(value))
      fail(path, "enum", `must be one of ${values.join(", ")}`);
    return value as T;
  };

export const optional =
  <T>(validator: Validator<T>): Validator<T | undefined> =>
  (value, path) =>
    value === undefined || value === null ? undefined : validator(value, path);

export function list<T>(item: Validator<T>, min: number, max: number): Validator<T[]> {
  return (value, path) => {
    present(value, path);
    if (!Array.isArray(value)) fail(path, "type", "must be a list");
    if (value.length < min) fail(path, "range", min === 1 ? "must not be empty" : `must hold at least ${min} items`);
    if (value.length > max) fail(path, "range", `must hold at most ${max} items`);
    return value.map((v, i) => item(v, join(path, i)));
  };
}

interface MapRules {
  key?: Validator<string>;
  value?: Validator<string>;
  maxEntries?: number;
  tooManyCode?: GlueErrorCode;
}

/** A JSON object of string values (arguments, tags…). */
export function stringMap(rules: MapRules = {}): Validator<Record<string, string>> {
  const key = rules.key ?? string(0, Number.MAX_SAFE_INTEGER);
  const val = rules.value ?? string(0, Number.MAX_SAFE_INTEGER);
  return (value, path) => {
    present(value, path);
    if (value === null || typeof value !== "object" || Array.isArray(value))
      fail(path, "type", "must be an object of string values");
    const entries = Object.entries(value);
    if (rules.maxEntries !== undefined && entries.length > rules.maxEntries) {
      fail(
        path,
        "max-entries",
        `must hold at most ${rules.maxEntries} entries (got ${entries.length})`,
        rules.tooManyCode,
      );
    }
    const out: Record<string, string> = {};
    for (const [k, v] of entries) {
      key(k, join(path, k));
      out[k] = val(v, join(path, k));
    }
    return out;
  };
}

/** At most 50 tags (ResourceNumberLimitExceeded past that), keys 1–128 bytes, values ≤ 256 bytes, any characters. */
export const tags = () =>
  stringMap({
    key: string(1, 128),
    value: string(0, 256),
    maxEntries: MAX_TAGS,
    tooManyCode: "ResourceNumberLimitExceededException",
  });

type Shape = Record<string, Validator<unknown>>;
type Out<S extends Shape> = { [K in keyof S as undefined extends ReturnType<S[K]> ? never : K]: ReturnType<S[K]> } & {
  [K in keyof S as undefined extends ReturnType<S[K]> ? K : never]?: ReturnType<S[K]>;
};

interface ObjectOptions<T> {
  /** Keep fields the shape does not list (they round-trip unchecked). */
  loose?: boolean;
  /** A cross-field rule; call `fail` to reject. */
  check?: (value: T, path: string) => void;
}

export function object<S extends Shape>(
  shape: S,
  options: ObjectOptions<Out<S>> & { loose: true },
): Validator<Out<S> & Record<string, unknown>>;
export function object<S extends Shape>(shape: S, options?: ObjectOptions<Out<S>>): Validator<Out<S>>;
export function object<S extends Shape>(shape: S, options: ObjectOptions<Out<S>> = {}): Validator<Out<S>> {
  return (value, path) => {
    present(value, path);
    if (typeof value !== "object" || Array.isArray(value)) fail(path, "type", "must be an object");
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    if (options.loose) for (const [k, v] of Object.entries(input)) if (!(k in shape) && v !== undefined) out[k] = v;
    for (const [k, validator] of Object.entries(shape)) {
      const field = validator(input[k], join(path, k));
      if (field !== undefined) out[k] = field;
    }
    options.check?.(out as Out<S>, path);
    return out as Out<S>;
  };
}

/** The seed's own zod schema for one of its 13 operations, as a Validator. */
export function seedInput<Op extends WorkflowOperation>(operation: Op): Validator<WorkflowOperationInput<Op>> {
  return (value) => validate(WorkflowOperationInputs[operation], value) as WorkflowOperationInput<Op>;
}
