/** The page shell: sign-in when needed, the main navigation and the view of the URL. */
import type { ComponentChildren } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import type { DashboardConfig } from "../config.ts";
import { createTrackerApi } from "./api.ts";
import { finishCognitoSignIn, startCognitoSignIn, storedToken, storeToken } from "./auth.ts";
import { ErrorAlert, Link } from "./components.tsx";
import { navigate, onLocationChange } from "./navigation.ts";
import { failuresHref, type View, viewOf, workflowsHref } from "./routes.ts";
import type { Where } from "./where.ts";

const whereKeyOf = (where: Where | undefined) => `${where?.account ?? ""} ${where?.region ?? ""}`;

import { FailuresView } from "./views/failures.tsx";
import { RunView } from "./views/run.tsx";
import { RunsView } from "./views/runs.tsx";
import { WorkflowsView } from "./views/workflows.tsx";

export function App(props: { config: DashboardConfig }) {
  const { config } = props;
  const [location, setLocation] = useState(() => ({ path: window.location.pathname, search: window.location.search }));
  useEffect(
    () => onLocationChange(() => setLocation({ path: window.location.pathname, search: window.location.search })),
    [],
  );
  const view = viewOf(location.path, location.search);
  const [signedIn, setSignedIn] = useState(() => config.auth.kind === "none" || storedToken() !== undefined);
  const [rejected, setRejected] = useState(false);
  const api = useMemo(
    () =>
      createTrackerApi(config, () => {
        setRejected(true);
        setSignedIn(false);
      }),
    [config],
  );

  useEffect(() => {
    document.title = `${titleOf(view)} · Glue Run Tracker`;
  });

  let main: ComponentChildren;
  if (view.kind === "callback") main = <Callback config={config} />;
  else if (!signedIn) {
    main = (
      <SignIn
        config={config}
        rejected={rejected}
        onSignedIn={() => {
          setRejected(false);
          setSignedIn(true);
        }}
      />
    );
  } else main = <ViewOf view={view} api={api} />;

  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Glue Run Tracker</span>
        <nav aria-label="Main">
          <Link
            href={workflowsHref()}
            class={view.kind === "workflows" || view.kind === "runs" || view.kind === "run" ? "active" : ""}
          >
            Workflows
          </Link>
          <Link href={failuresHref()} class={view.kind === "failures" ? "active" : ""}>
            Failures
          </Link>
        </nav>
        <span class="zone" title="Hover a time to see it in UTC">
          Times in {Intl.DateTimeFormat().resolvedOptions().timeZone}
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        {main}
      </main>
    </>
  );
}

function ViewOf(props: { view: View; api: ReturnType<typeof createTrackerApi> }) {
  const { view, api } = props;
  switch (view.kind) {
    case "workflows":
      return <WorkflowsView api={api} />;
    case "runs":
      return (
        <RunsView
          key={`${view.workflow} ${whereKeyOf(view.where)}`}
          api={api}
          workflow={view.workflow}
          filters={view.filters}
          where={view.where}
        />
      );
    case "run":
      return (
        <RunView
          key={`${view.workflow}/${view.runId} ${whereKeyOf(view.where)}`}
          api={api}
          workflow={view.workflow}
          runId={view.runId}
          where={view.where}
        />
      );
    case "failures":
      return <FailuresView api={api} />;
    default:
      return (
        <section>
          <h1>Page not found</h1>
          <p>
            Nothing lives at this address. <Link href={workflowsHref()}>Go to the workflows</Link>.
          </p>
        </section>
      );
  }
}

function titleOf(view: View): string {
  switch (view.kind) {
    case "workflows":
      return "Workflows";
    case "runs":
      return `Runs of ${view.workflow}`;
    case "run":
      return `Run ${view.runId}`;
    case "failures":
      return "Failures";
    case "callback":
      return "Signing in";
    default:
      return "Not found";
  }
}

function SignIn(props: { config: DashboardConfig; rejected: boolean; onSignedIn: () => void }) {
  const [token, setToken] = useState("");
  const auth = props.config.auth;
  if (auth.kind === "cognito") {
    return (
      <section class="signin">
        <h1>Sign in</h1>
        {props.rejected ? (
          <div role="alert" class="alert">
            Your session was not accepted; please sign in again.
          </div>
        ) : null}
        <button
          type="button"
          class="button primary"
          onClick={() => void startCognitoSignIn(auth, window.location.pathname + window.location.search)}
        >
          Sign in
        </button>
      </section>
    );
  }
  return (
    <section class="signin">
      <h1>Sign in</h1>
      {props.rejected ? (
        <div role="alert" class="alert">
          The API token was not accepted. Enter it again.
        </div>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (token.trim() === "") return;
          storeToken(token.trim());
          props.onSignedIn();
        }}
      >
        <label class="field">
          <span>API token</span>
          <input
            type="password"
            autoComplete="off"
            required
            value={token}
            onInput={(e) => setToken(e.currentTarget.value)}
          />
        </label>
        <p class="muted small">Kept in this browser tab's session storage only (TRACKER_API_TOKEN of the tracker).</p>
        <button type="submit" class="button primary">
          Sign in
        </button>
      </form>
    </section>
  );
}

function Callback(props: { config: DashboardConfig }) {
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => {
    const auth = props.config.auth;
    if (auth.kind !== "cognito") {
      navigate(workflowsHref(), { replace: true });
      return;
    }
    finishCognitoSignIn(auth, window.location.search).then(
      (next) => {
        window.location.replace(next);
      },
      (caught: unknown) => setError(caught),
    );
  }, [props.config]);
  return (
    <section>
      <h1>Signing in</h1>
      {error !== undefined ? <ErrorAlert error={error} what="Sign-in failed" /> : <p>Finishing sign-in…</p>}
    </section>
  );
}
