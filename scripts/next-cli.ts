// How the scripts run the Next.js CLI: the installed binary under this Node, with one header limit
// and one build command, the same as package.json's `build` and `start` (next-cli.test.ts checks).

export const NEXT_BIN = "node_modules/next/dist/bin/next";

/**
 * Node's own limit on a request's headers is 16 KB: past it, Node answers 431 before the app sees the
 * request. Clerk's cookies and tokens fit well inside that, but a client may send more, and the app
 * should judge a token itself, so the servers started here allow 128 KB. Beyond that Node still
 * answers 431. On Vercel the platform's own limit applies before the function runs.
 */
export const MAX_HTTP_HEADER_BYTES = 128 * 1024;
export const HEADER_LIMIT_FLAG = `--max-http-header-size=${MAX_HTTP_HEADER_BYTES}`;

/**
 * The environment for a `next` process: NODE_OPTIONS carries the header limit, because `next dev`
 * hands the server process it forks NODE_OPTIONS, not this process's node flags.
 */
export function nextProcessEnv<E extends Record<string, string | undefined>>(env: E): E & { NODE_OPTIONS: string } {
  return { ...env, NODE_OPTIONS: [env.NODE_OPTIONS, HEADER_LIMIT_FLAG].filter(Boolean).join(" ") };
}

/**
 * `next build` with webpack rather than Next 16's default, Turbopack. Turbopack keeps whole modules of
 * zod/mini and of Clerk's packages that webpack's export-level tree shaking drops: `npm run bench`
 * measured /dashboard's first-load JavaScript at 209 KB gzip with Turbopack and 195 KB with webpack, on
 * the same code. `npm run dev` keeps Turbopack, where rebuild speed matters and size does not.
 */
export const NEXT_BUILD_ARGS = ["build", "--webpack"];
