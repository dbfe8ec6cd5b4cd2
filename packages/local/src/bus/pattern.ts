/**
 * EventBridge event pattern matching (the content-filtering language of rules).
 *
 * Semantics, as EventBridge documents them:
 * - every field of the pattern must match (AND); the values listed for a field are alternatives (OR);
 * - a field's value in the event may be an array: it matches if any element matches;
 * - nested objects in the pattern descend into the event; arrays of objects in the event are
 *   flattened, so `{ a: { b: [1] } }` matches `{ a: [{ b: 2 }, { b: 1 }] }`;
 * - matching looks only at leaves (strings, numbers, booleans, null): `exists` is about leaves too.
 *
 * Supported: exact values, `prefix`, `suffix` (both also `{ "equals-ignore-case": … }`),
 * `equals-ignore-case`, `wildcard`, `anything-but` (value, list, prefix, suffix, equals-ignore-case,
 * wildcard), `numeric`, `exists`, `$or`. Not supported: `cidr` (refused as invalid).
 */
import { InvalidEventPatternError } from "../errors.ts";

/** An EventBridge pattern as the stacks deploy it (same shape as core's `Events.EventPattern`). */
export type EventPattern = Record<string, unknown>;

type Leaf = string | number | boolean | null;

interface Condition {
  /** True when the condition accepts this leaf value. `exists` is handled apart (it needs all leaves). */
  test(value: Leaf): boolean;
  readonly exists?: boolean;
}

interface FieldMatcher {
  readonly path: readonly string[];
  readonly conditions: readonly Condition[];
}

interface CompiledNode {
  readonly fields: FieldMatcher[];
  /** One entry per `$or`: at least one alternative of each must match. */
  readonly anyOf: CompiledNode[][];
}

/**
 * A validated pattern, ready to match events.
 *
 * @example
 * const rule = compileEventPattern({ source: ["aws.glue"], detail: { state: [{ "anything-but": "RUNNING" }] } });
 * rule.matches({ source: "aws.glue", detail: { state: "FAILED" } }); // true
 */
export interface CompiledEventPattern {
  readonly pattern: EventPattern;
  matches(event: unknown): boolean;
}

/**
 * Validates a pattern (object or JSON text) the way PutRule would and compiles it.
 * Throws InvalidEventPatternError naming the offending field.
 *
 * @example
 * compileEventPattern('{"detail-type":["Glue Job State Change"]}').matches(event);
 */
export function compileEventPattern(pattern: EventPattern | string): CompiledEventPattern {
  const parsed = typeof pattern === "string" ? parsePatternText(pattern) : pattern;
  if (!isPlainObject(parsed)) throw new InvalidEventPatternError("the pattern must be a JSON object");
  const root = compileNode(parsed, []);
  if (root.fields.length === 0 && root.anyOf.length === 0) throw new InvalidEventPatternError("the pattern is empty");
  return { pattern: parsed, matches: (event) => matchNode(root, event) };
}

/**
 * One-off match (compiles the pattern each call; keep a compiled pattern for hot paths).
 *
 * @example
 * matchesEventPattern(glueStateChangePattern, event); // true for a Glue Job State Change
 */
export function matchesEventPattern(pattern: EventPattern | string, event: unknown): boolean {
  return compileEventPattern(pattern).matches(event);
}

function parsePatternText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidEventPatternError("the pattern is not valid JSON", { cause: error });
  }
}

function compileNode(node: Record<string, unknown>, prefix: readonly string[]): CompiledNode {
  const compiled: CompiledNode = { fields: [], anyOf: [] };
  for (const [key, value] of Object.entries(node)) {
    const path = [...prefix, key];
    if (key === "$or") {
      compiled.anyOf.push(compileOr(value, prefix));
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw new InvalidEventPatternError(`${label(path)}: empty arrays are not allowed`);
      compiled.fields.push({ path, conditions: value.map((item) => compileCondition(item, path)) });
    } else if (isPlainObject(value)) {
      if (Object.keys(value).length === 0) throw new InvalidEventPatternError(`${label(path)}: empty object`);
      const child = compileNode(value, path);
      compiled.fields.push(...child.fields);
      compiled.anyOf.push(...child.anyOf);
    } else {
      throw new InvalidEventPatternError(`${label(path)}: match values must be in an array`);
    }
  }
  return compiled;
}

function compileOr(value: unknown, prefix: readonly string[]): CompiledNode[] {
  if (!Array.isArray(value) || value.length < 2 || !value.every(isPlainObject)) {
    throw new InvalidEventPatternError(`${label([...prefix, "$or"])}: needs an array of at least two patterns`);
  }
  return value.map((alternative) => compileNode(alternative, prefix));
}

function compileCondition(item: unknown, path: readonly string[]): Condition {
  if (isLeaf(item)) {
    if (typeof item === "number" && !Number.isFinite(item)) throw invalid(path, "numbers must be finite");
    return { test: (value) => value === item };
  }
  if (!isPlainObject(item)) throw invalid(path, "match values must be strings, numbers, booleans, null or objects");
  const entries = Object.entries(item);
  const [operator, operand] = entries[0] ?? [];
  if (entries.length !== 1 || operator === undefined) throw invalid(path, "a filter object must have exactly one key");
  switch (operator) {
    case "prefix":
    case "suffix":
      return affixCondition(operator, operand, path);
    case "equals-ignore-case":
      return equalsIgnoreCase(requireString(operand, path, operator));
    case "wildcard":
      return wildcardCondition(requireString(operand, path, operator));
    case "anything-but":
      return anythingBut(operand, path);
    case "numeric":
      return numericCondition(operand, path);
    case "exists":
      if (typeof operand !== "boolean") throw invalid(path, "exists takes true or false");
      return { test: () => false, exists: operand };
    default:
      throw invalid(path, `unsupported filter "${operator}"`);
  }
}

function affixCondition(operator: "prefix" | "suffix", operand: unknown, path: readonly string[]): Condition {
  let affix: string;
  let ignoreCase = false;
  if (isPlainObject(operand) && Object.keys(operand).length === 1 && "equals-ignore-case" in operand) {
    affix = requireString(operand["equals-ignore-case"], path, `${operator} equals-ignore-case`);
    ignoreCase = true;
  } else {
    affix = requireString(operand, path, operator);
  }
  const wanted = ignoreCase ? affix.toLowerCase() : affix;
  return {
    test: (value) => {
      if (typeof value !== "string") return false;
      const text = ignoreCase ? value.toLowerCase() : value;
      return operator === "prefix" ? text.startsWith(wanted) : text.endsWith(wanted);
    },
  };
}

function equalsIgnoreCase(operand: string): Condition {
  const wanted = operand.toLowerCase();
  return { test: (value) => typeof value === "string" && value.toLowerCase() === wanted };
}

function wildcardCondition(operand: string): Condition {
  // `*` matches any run of characters; `\*` is a literal star.
  const parts = operand
    .split(/(?<!\\)\*/)
    .map((part) => part.replaceAll("\\*", "*").replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const regex = new RegExp(`^${parts.join(".*")}$`, "s");
  return { test: (value) => typeof value === "string" && regex.test(value) };
}

function anythingBut(operand: unknown, path: readonly string[]): Condition {
  let excluded: Condition[];
  if (typeof operand === "string" || typeof operand === "number") {
    excluded = [compileCondition(operand, path)];
  } else if (Array.isArray(operand)) {
    if (operand.length === 0) throw invalid(path, "anything-but needs at least one value");
    excluded = operand.map((value) => {
      if (typeof value !== "string" && typeof value !== "number") {
        throw invalid(path, "anything-but lists hold strings or numbers");
      }
      return compileCondition(value, path);
    });
  } else if (isPlainObject(operand) && Object.keys(operand).length === 1) {
    const [operator, inner] = Object.entries(operand)[0] ?? [];
    if (operator === "prefix" || operator === "suffix") excluded = [affixCondition(operator, inner, path)];
    else if (operator === "wildcard") excluded = [wildcardCondition(requireString(inner, path, operator))];
    else if (operator === "equals-ignore-case") {
      const values = Array.isArray(inner) ? inner : [inner];
      excluded = values.map((value) => equalsIgnoreCase(requireString(value, path, operator)));
    } else throw invalid(path, `anything-but does not support "${operator}"`);
  } else {
    throw invalid(path, "anything-but takes a string, a number, a list or a prefix/suffix/wildcard object");
  }
  return { test: (value) => !excluded.some((condition) => condition.test(value)) };
}

type NumericOperator = "=" | "<" | "<=" | ">" | ">=";
const NUMERIC_OPERATORS: ReadonlySet<string> = new Set(["=", "<", "<=", ">", ">="]);

function numericCondition(operand: unknown, path: readonly string[]): Condition {
  if (!Array.isArray(operand) || (operand.length !== 2 && operand.length !== 4)) {
    throw invalid(path, 'numeric takes one or two [operator, number] pairs, e.g. [">", 0, "<=", 5]');
  }
  const bounds: Array<{ operator: NumericOperator; limit: number }> = [];
  for (let index = 0; index < operand.length; index += 2) {
    const operator = operand[index];
    const limit = operand[index + 1];
    if (typeof operator !== "string" || !NUMERIC_OPERATORS.has(operator)) {
      throw invalid(path, `unknown numeric operator ${JSON.stringify(operator)}`);
    }
    if (typeof limit !== "number" || !Number.isFinite(limit)) throw invalid(path, "numeric limits must be numbers");
    bounds.push({ operator: operator as NumericOperator, limit });
  }
  checkRange(bounds, path);
  return {
    test: (value) =>
      typeof value === "number" && bounds.every(({ operator, limit }) => compare(value, operator, limit)),
  };
}

/** Two bounds must form a range: one lower, one upper, lower below upper; `=` stands alone. */
function checkRange(bounds: Array<{ operator: NumericOperator; limit: number }>, path: readonly string[]): void {
  const [first, second] = bounds;
  if (!first || !second) return;
  const lower = [first, second].find((bound) => bound.operator === ">" || bound.operator === ">=");
  const upper = [first, second].find((bound) => bound.operator === "<" || bound.operator === "<=");
  if (!lower || !upper) throw invalid(path, "a numeric range needs one lower (> or >=) and one upper (< or <=) bound");
  if (lower.limit >= upper.limit) throw invalid(path, "the numeric range is empty (lower bound >= upper bound)");
}

function compare(value: number, operator: NumericOperator, limit: number): boolean {
  switch (operator) {
    case "=":
      return value === limit;
    case "<":
      return value < limit;
    case "<=":
      return value <= limit;
    case ">":
      return value > limit;
    case ">=":
      return value >= limit;
  }
}

function matchNode(node: CompiledNode, event: unknown): boolean {
  return (
    node.fields.every((field) => matchField(field, leavesAt(event, field.path))) &&
    node.anyOf.every((alternatives) => alternatives.some((alternative) => matchNode(alternative, event)))
  );
}

function matchField(field: FieldMatcher, leaves: Leaf[]): boolean {
  return field.conditions.some((condition) =>
    condition.exists === undefined
      ? leaves.some((leaf) => condition.test(leaf))
      : condition.exists === leaves.length > 0,
  );
}

/** Every leaf value at `path`, with arrays (of leaves or of objects) flattened on the way. */
function leavesAt(root: unknown, path: readonly string[]): Leaf[] {
  let nodes: unknown[] = [root];
  for (const key of path) {
    const next: unknown[] = [];
    for (const node of flatten(nodes)) {
      if (isPlainObject(node) && Object.hasOwn(node, key)) next.push(node[key]);
    }
    nodes = next;
  }
  return flatten(nodes).filter(isLeaf);
}

function flatten(values: unknown[]): unknown[] {
  return values.flatMap((value) => (Array.isArray(value) ? flatten(value) : [value]));
}

function isLeaf(value: unknown): value is Leaf {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function requireString(value: unknown, path: readonly string[], operator: string): string {
  if (typeof value !== "string") throw invalid(path, `${operator} takes a string`);
  return value;
}

function invalid(path: readonly string[], reason: string): InvalidEventPatternError {
  return new InvalidEventPatternError(`${label(path)}: ${reason}`);
}

function label(path: readonly string[]): string {
  return path.join(".") || "(root)";
}
