/**
 * A small JSON Schema (2020-12) validator, enough for the OpenAPI document zod
 * generates: $ref into components, type, enum/const, properties / required /
 * additionalProperties / propertyNames, items, anyOf/oneOf/allOf, string and
 * number bounds, pattern and the date-time format. Returns the errors it found.
 */
type Schema = Record<string, unknown> | boolean;

export interface SchemaError {
  path: string;
  message: string;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(expected: string, actual: string): boolean {
  return expected === actual || (expected === "number" && actual === "integer");
}

/**
 * @example
 * validateSchema({ type: "object", required: ["Code"] }, {}, doc); // [{ path: "$", message: "missing Code" }]
 */
export function validateSchema(
  schema: Schema,
  value: unknown,
  root: Record<string, unknown>,
  path = "$",
): SchemaError[] {
  if (schema === true) return [];
  if (schema === false) return [{ path, message: "no value is allowed here" }];
  const errors: SchemaError[] = [];
  const fail = (message: string) => errors.push({ path, message });

  if (typeof schema.$ref === "string") errors.push(...validateSchema(resolve(root, schema.$ref), value, root, path));
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => typeMatches(t, typeOf(value)))) {
      fail(`expected ${types.join("|")}, got ${typeOf(value)}`);
      return errors;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => option === value))
    fail(`not one of ${schema.enum.join(", ")}`);
  if ("const" in schema && schema.const !== value) fail(`expected ${JSON.stringify(schema.const)}`);
  if (typeof value === "string") checkString(schema, value, fail);
  if (typeof value === "number") checkNumber(schema, value, fail);
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems)
      fail(`fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems)
      fail(`more than ${schema.maxItems} items`);
    if (schema.items !== undefined) {
      value.forEach((item, index) => {
        errors.push(...validateSchema(schema.items as Schema, item, root, `${path}[${index}]`));
      });
    }
  }
  if (typeOf(value) === "object") errors.push(...checkObject(schema, value as Record<string, unknown>, root, path));
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf as Schema[]) errors.push(...validateSchema(part, value, root, path));
  }
  if (
    Array.isArray(schema.anyOf) &&
    !(schema.anyOf as Schema[]).some((part) => validateSchema(part, value, root, path).length === 0)
  ) {
    fail("matches none of anyOf");
  }
  if (Array.isArray(schema.oneOf)) {
    const matching = (schema.oneOf as Schema[]).filter((part) => validateSchema(part, value, root, path).length === 0);
    if (matching.length !== 1) fail(`matches ${matching.length} of oneOf`);
  }
  return errors;
}

function checkString(schema: Record<string, unknown>, value: string, fail: (message: string) => void) {
  const length = [...value].length;
  if (typeof schema.minLength === "number" && length < schema.minLength) fail(`shorter than ${schema.minLength}`);
  if (typeof schema.maxLength === "number" && length > schema.maxLength) fail(`longer than ${schema.maxLength}`);
  if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value))
    fail(`does not match ${schema.pattern}`);
  if (schema.format === "date-time" && (!DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))) {
    fail(`not a date-time: ${value}`);
  }
}

function checkNumber(schema: Record<string, unknown>, value: number, fail: (message: string) => void) {
  if (typeof schema.minimum === "number" && value < schema.minimum) fail(`below ${schema.minimum}`);
  if (typeof schema.maximum === "number" && value > schema.maximum) fail(`above ${schema.maximum}`);
}

function checkObject(
  schema: Record<string, unknown>,
  value: Record<string, unknown>,
  root: Record<string, unknown>,
  path: string,
): SchemaError[] {
  const errors: SchemaError[] = [];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const name of (schema.required ?? []) as string[]) {
    if (!(name in value)) errors.push({ path, message: `missing ${name}` });
  }
  for (const [name, field] of Object.entries(value)) {
    const at = `${path}.${name}`;
    if (schema.propertyNames !== undefined)
      errors.push(...validateSchema(schema.propertyNames as Schema, name, root, at));
    if (name in properties) errors.push(...validateSchema(properties[name] as Schema, field, root, at));
    else if (schema.additionalProperties !== undefined) {
      errors.push(...validateSchema(schema.additionalProperties as Schema, field, root, at));
    }
  }
  return errors;
}

function resolve(root: Record<string, unknown>, ref: string): Schema {
  if (!ref.startsWith("#/")) throw new Error(`Only local $refs are supported (got ${ref})`);
  let node: unknown = root;
  for (const part of ref.slice(2).split("/")) node = (node as Record<string, unknown> | undefined)?.[part];
  if (node === undefined) throw new Error(`Unresolvable $ref ${ref}`);
  return node as Schema;
}
