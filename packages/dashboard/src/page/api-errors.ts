/** What a failed API call says to the user, in words, quoting the API's {Code, Message}. */

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly code: string | undefined,
    readonly apiMessage: string | undefined,
  ) {
    super(message);
  }
}

/**
 * @example
 * httpErrorMessage(500, { Code: "InternalServiceException", Message: "boom" });
 * // "The tracker API answered 500 InternalServiceException: boom"
 */
export function httpErrorMessage(status: number, body: unknown): string {
  const { code, message } = errorFields(body);
  if (code) return `The tracker API answered ${status} ${code}: ${message ?? "(no message)"}`;
  if (message) return `The tracker API answered ${status}: ${message}`;
  return `The tracker API answered ${status} without an error body`;
}

export function errorFields(body: unknown): { code: string | undefined; message: string | undefined } {
  if (typeof body !== "object" || body === null) return { code: undefined, message: undefined };
  const record = body as Record<string, unknown>;
  const code = typeof record.Code === "string" ? record.Code : undefined;
  // API Gateway's own answers are {"message": …}.
  const raw = record.Message ?? record.message;
  return { code, message: typeof raw === "string" ? raw : undefined };
}

export function networkErrorMessage(baseUrl: string, cause: unknown): string {
  const why = cause instanceof Error ? cause.message : String(cause);
  return `Could not reach the tracker API at ${baseUrl} (${why})`;
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
