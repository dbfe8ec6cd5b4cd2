export * from "./announcements.ts";
export * from "./errors.ts";
export * from "./record-snapshot.ts";
export * from "./tracker-publisher.ts";
