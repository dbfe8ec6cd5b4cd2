// The page runs in a browser: DOM types for src/page (the root tsconfig is Node's).
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />

// esbuild bundles the stylesheet into app.css.
declare module "*.css";
