/** `npm run build:dashboard`: writes the page to packages/dashboard/dist/. */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeDashboard } from "../src/build.ts";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const started = performance.now();
const names = await writeDashboard(dist);
console.log(`dashboard: wrote ${names.join(", ")} to ${dist} in ${Math.round(performance.now() - started)} ms`);
