export * from "./event.ts";
export * from "./response.ts";
export * from "./routes.ts";
export * from "./server.ts";
