// How the scripts run the Next.js CLI: the installed binary under this Node, with one build command,
// the same as package.json's `build` and `start` (next-cli.test.ts checks). Servers keep Node's own
// request header limit, as on Vercel (docs/security.md#request-limits).
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export const NEXT_BIN = "node_modules/next/dist/bin/next";

/**
 * `next build` with webpack rather than Next 16's default, Turbopack. Turbopack keeps whole modules of
 * zod/mini and of Clerk's packages that webpack's export-level tree shaking drops: `npm run bench`
 * measured /dashboard's first-load JavaScript at 209 KB gzip with Turbopack and 195 KB with webpack, on
 * the same code. `npm run dev` keeps Turbopack, where rebuild speed matters and size does not.
 */
export const NEXT_BUILD_ARGS = ["build", "--webpack"];

/** The files `next build` rewrites for the dist dir it builds into: tracked tsconfig.json, and next-env.d.ts. */
const TYPESCRIPT_FILES = ["tsconfig.json", "next-env.d.ts"];

/**
 * Remembers tsconfig.json and next-env.d.ts as they are; the function it returns puts them back (and
 * removes next-env.d.ts if it was absent). A build into another dist dir must not leave its types behind:
 * the repository's typecheck uses the regular builds' types.
 */
export function keepTypeScriptFiles(directory = process.cwd()): () => void {
  const before = TYPESCRIPT_FILES.map((name) => {
    const file = path.join(directory, name);
    return { file, text: existsSync(file) ? readFileSync(file, "utf8") : null };
  });
  return () => {
    for (const { file, text } of before) {
      const now = existsSync(file) ? readFileSync(file, "utf8") : null;
      if (now === text) continue;
      if (text === null) rmSync(file);
      else writeFileSync(file, text);
    }
  };
}
