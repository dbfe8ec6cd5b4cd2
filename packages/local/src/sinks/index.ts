export * from "./jsonl-sink.ts";
