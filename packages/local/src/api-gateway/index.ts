export * from "./response.ts";
export * from "./server.ts";
