/** Entry of app.js: read config.json, then render the page (or say why it cannot). */
import "./app.css";
import { render } from "preact";
import { DashboardConfigError, parseDashboardConfig } from "../config.ts";
import { App } from "./app.tsx";

async function start(root: HTMLElement): Promise<void> {
  try {
    const response = await fetch("config.json", { headers: { accept: "application/json" } });
    if (!response.ok) throw new DashboardConfigError(`config.json could not be loaded (HTTP ${response.status})`);
    const config = parseDashboardConfig(await response.json());
    render(<App config={config} />, root);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    render(
      <main id="main">
        <h1>Glue Run Tracker</h1>
        <div role="alert" class="alert">
          The dashboard could not start: {message}
        </div>
      </main>,
      root,
    );
  }
}

const root = document.getElementById("app");
if (root) void start(root);
