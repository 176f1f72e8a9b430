// How the scripts run the Next.js CLI: the installed binary under this Node, and the one build command.

export const NEXT_BIN = "node_modules/next/dist/bin/next";

/**
 * `next build` with webpack rather than Next 16's default, Turbopack. Turbopack keeps whole modules of
 * zod/mini and of Clerk's packages that webpack's export-level tree shaking drops: `npm run bench`
 * measured /dashboard's first-load JavaScript at 209 KB gzip with Turbopack and 195 KB with webpack, on
 * the same code. `npm run dev` keeps Turbopack, where rebuild speed matters and size does not.
 * package.json's `build` script, which Vercel runs, is this same command (next-cli.test.ts checks).
 */
export const NEXT_BUILD_ARGS = ["build", "--webpack"];
