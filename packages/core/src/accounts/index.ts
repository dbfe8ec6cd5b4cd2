export * from "./account.ts";
export * from "./per-account.ts";
export * from "./registry.ts";
export * from "./role-error.ts";
