// Serves clerk-js and Clerk's UI bundle from node_modules, so the browser never needs a CDN.
// Each bundle loads its chunks relative to its own URL with the exact installed version in the path.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Hono, MiddlewareHandler } from "hono";
import { notFound } from "../http/errors";

const BUNDLE_PATH = /^\/npm\/@clerk\/(clerk-js|ui)@[A-Za-z0-9.^~_-]+\/dist\/([A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*)$/;

const CONTENT_TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".mjs": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
};

/**
 * The installed packages' `dist` folders, found where Node would resolve this package's own
 * dependencies from (their `exports` hide package.json, so the folders are looked up directly).
 */
function distFolders(): Record<"clerk-js" | "ui", string> {
  const lookup = createRequire(import.meta.url).resolve.paths("@clerk/clerk-js") ?? [];
  const dist = (pkg: string) => {
    const folder = lookup.map((modules) => path.join(modules, "@clerk", pkg)).find((candidate) => existsSync(path.join(candidate, "package.json")));
    if (!folder) throw new Error(`@clerk/${pkg} is not installed: run npm install`);
    return path.join(folder, "dist");
  };
  return { "clerk-js": dist("clerk-js"), ui: dist("ui") };
}

/** Maps a request path to a file inside the package's dist folder, or null for anything else. */
export function bundleFile(dists: Record<"clerk-js" | "ui", string>, rawPath: string): string | null {
  // Encoded characters (`%2f`, `%2e`) are refused outright rather than decoded and re-checked.
  if (rawPath.includes("%")) return null;
  const match = BUNDLE_PATH.exec(rawPath);
  if (!match) return null;
  const pkg = match[1] as "clerk-js" | "ui" | undefined;
  const file = match[2];
  if (!pkg || !file) return null;
  if (file.split("/").some((segment) => segment === "." || segment === "..")) return null;
  const dist = dists[pkg];
  const resolved = path.resolve(dist, file);
  return resolved.startsWith(dist + path.sep) ? resolved : null;
}

/** `faults` runs first: the bundles can fail like a CDN outage (traffic/traffic.ts). */
export function registerStaticBundles(app: Hono, faults: MiddlewareHandler): void {
  const dists = distFolders();
  app.get("/npm/*", faults, async (c) => {
    const file = bundleFile(dists, new URL(c.req.url).pathname);
    if (!file) throw notFound("file");
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      throw notFound("file");
    }
    return c.body(new Uint8Array(body), 200, {
      "Content-Type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
      // Scripts load with crossOrigin=anonymous from the app's origin.
      "Access-Control-Allow-Origin": "*",
      "Cache-Control": "public, max-age=3600",
    });
  });
}
