/** Dependencies given as a value, or as a factory run once on the first event. */
export type DepsSource<T> = T | (() => T | Promise<T>);

/** Resolves a DepsSource once; a failed start (e.g. missing config) is retried on the next event. */
export function lazy<T extends object>(source: DepsSource<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= Promise.resolve(typeof source === "function" ? (source as () => T | Promise<T>)() : source).catch(
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}

/** Name and message only: what the handlers log. */
export function describeError(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: "Error", message: String(error) };
}
