/**
 * The functions package's errors: what the HTTP layer itself refuses (routing,
 * auth, request decoding). Each carries a Glue-style `code` (the codes Glue has no
 * name for are below); `error-response.ts` turns codes into status codes.
 */

export const ApiErrorCode = {
  InvalidInput: "InvalidInputException",
  Unauthorized: "UnauthorizedException",
  AccessDenied: "AccessDeniedException",
  RouteNotFound: "NotFoundException",
  MethodNotAllowed: "MethodNotAllowedException",
} as const;
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

/** Base of the HTTP layer's errors; its message is safe to show to the caller. */
export class ApiError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = "ApiError";
    this.code = code;
  }
}

/** The request cannot be decoded: malformed JSON, a bad percent-encoding, a non-object body. */
export class InvalidRequestError extends ApiError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(ApiErrorCode.InvalidInput, message, options);
    this.name = "InvalidRequestError";
  }
}

export class UnauthorizedError extends ApiError {
  constructor(message = "A valid 'Authorization: Bearer <token>' header is required") {
    super(ApiErrorCode.Unauthorized, message);
    this.name = "UnauthorizedError";
  }
}

/** The caller's permission does not cover the account it addressed (docs/decisions/accounts-api.md). */
export class AccessDeniedError extends ApiError {
  constructor(message: string) {
    super(ApiErrorCode.AccessDenied, message);
    this.name = "AccessDeniedError";
  }
}

export class RouteNotFoundError extends ApiError {
  constructor(method: string, path: string) {
    super(ApiErrorCode.RouteNotFound, `No route for ${method} ${truncate(path)}`);
    this.name = "RouteNotFoundError";
  }
}

/** The path exists but not with this method; `allow` lists the methods it has. */
export class MethodNotAllowedError extends ApiError {
  readonly allow: readonly string[];

  constructor(method: string, path: string, allow: readonly string[]) {
    super(
      ApiErrorCode.MethodNotAllowed,
      `${method} is not allowed on ${truncate(path)} (allowed: ${allow.join(", ")})`,
    );
    this.name = "MethodNotAllowedError";
    this.allow = allow;
  }
}

/** Keeps echoed request paths short in messages and logs. */
export const truncate = (text: string, max = 200): string => (text.length > max ? `${text.slice(0, max)}…` : text);
