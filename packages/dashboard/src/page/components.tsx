/** Small building blocks shared by the views. */
import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { errorText } from "./api-errors.ts";
import { formatDuration, formatInstant } from "./format.ts";
import { followLink } from "./navigation.ts";
import { stateLabel, toneOf } from "./outcome.ts";

export function Link(props: {
  href: string;
  children: ComponentChildren;
  class?: string;
  "aria-label"?: string;
  title?: string;
}) {
  const { href, children, ...rest } = props;
  return (
    <a href={href} onClick={(event) => followLink(event, href)} {...rest}>
      {children}
    </a>
  );
}

/** Local time, with the UTC instant on hover. */
export function Time(props: { value: string | undefined }) {
  const { text, utc } = formatInstant(props.value);
  if (!utc) return <span>{text}</span>;
  return (
    <time dateTime={utc} title={`${utc} (UTC)`}>
      {text}
    </time>
  );
}

export function Duration(props: { ms: number | undefined; running?: boolean }) {
  if (props.ms === undefined) return <span>—</span>;
  return (
    <span>
      {formatDuration(props.ms)}
      {props.running ? " (running)" : ""}
    </span>
  );
}

const GLYPH: Record<string, string> = { ok: "✓", fail: "✕", running: "▶", stopped: "■", waiting: "○", unknown: "?" };

/** An outcome or state as a badge: colour, a glyph and the word itself. */
export function StateBadge(props: { value: string | undefined }) {
  const tone = toneOf(props.value);
  return (
    <span class={`badge tone-${tone}`}>
      <span aria-hidden="true">{GLYPH[tone]} </span>
      {stateLabel(props.value)}
    </span>
  );
}

export function ErrorAlert(props: { error: unknown; what?: string }) {
  return (
    <div role="alert" class="alert">
      {props.what ? <strong>{props.what}: </strong> : null}
      {errorText(props.error)}
    </div>
  );
}

export function Loading(props: { what: string }) {
  return (
    <p class="muted" aria-live="polite">
      Loading {props.what}…
    </p>
  );
}

export interface Async<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` whenever `deps` change; a reload keeps the data shown until the new one
 * arrives (live updates without flicker). Answers of an older request are dropped.
 */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): Async<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const run = useCallback((keep: boolean) => {
    const mine = ++generation.current;
    setState((s) => ({ data: keep ? s.data : undefined, error: keep ? s.error : undefined, loading: true }));
    loadRef.current().then(
      (data) => {
        if (mine === generation.current) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (mine === generation.current) setState((s) => ({ data: keep ? s.data : undefined, error, loading: false }));
      },
    );
  }, []);
  // The caller's deps decide when to load again.
  useEffect(() => run(false), deps);
  return { ...state, reload: useCallback(() => run(true), [run]) };
}

/** Re-runs `tick` every `ms` while `active`; stops as soon as it is not. */
export function usePolling(active: boolean, ms: number, tick: () => void): void {
  const tickRef = useRef(tick);
  tickRef.current = tick;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => tickRef.current(), ms);
    return () => clearInterval(timer);
  }, [active, ms]);
}

/** The current time, refreshed while `active` (for durations of running things). */
export function useNow(active: boolean, ms = 1000): number {
  const [now, setNow] = useState(Date.now());
  usePolling(active, ms, () => setNow(Date.now()));
  return now;
}
