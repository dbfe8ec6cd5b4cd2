/**
 * DynamoDB's item size, computed the way DynamoDB bills it (attribute names + values:
 * strings and binaries by length, numbers ~1 byte per 2 digits + 1, 3 bytes per
 * map/list plus 1 per element). Used to state how far items stay below 400 KB.
 */
export const MAX_ITEM_BYTES = 400 * 1024;

/**
 * @example
 * itemSizeBytes({ pk: "WF#a", sk: "RUN#b", GraphGzip: bytes }); // 2 + 4 + 2 + 5 + 9 + bytes.length
 */
export function itemSizeBytes(item: Record<string, unknown>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    if (value !== undefined) size += Buffer.byteLength(name) + valueSize(value);
  }
  return size;
}

function valueSize(value: unknown): number {
  if (typeof value === "string") return Buffer.byteLength(value);
  if (typeof value === "number") return Math.ceil(String(Math.abs(value)).replace(/[.-]/g, "").length / 2) + 1;
  if (typeof value === "boolean" || value === null) return 1;
  if (value instanceof Uint8Array) return value.length;
  if (value instanceof Set) return [...value].reduce((sum: number, v) => sum + valueSize(v), 0);
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + valueSize(v), 0);
  if (typeof value === "object") return 3 + itemSizeBytes(value as Record<string, unknown>) + Object.keys(value).length;
  return 0;
}
