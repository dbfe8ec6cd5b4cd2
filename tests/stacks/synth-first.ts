import { beforeAll } from "vitest";
import { synthApp } from "../support/synth.ts";

// One synthesis of the whole app serves every stack suite (cached in synth.ts). It bundles
// every handler, so it gets the time it needs on a loaded 2-core machine, once.
beforeAll(() => synthApp().then(() => undefined), 900_000);
