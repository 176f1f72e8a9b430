// Serves clerk-js and Clerk's UI bundle from node_modules, so the browser never needs a CDN.
// Each bundle loads its chunks relative to its own URL with the exact installed version in the path.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Hono } from "hono";
import type { LocalClerk } from "../context";
import { notFound } from "../http/errors";

const BUNDLE_PATH = /^\/npm\/@clerk\/(clerk-js|ui)@[A-Za-z0-9.^~_-]+\/dist\/([A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*)$/;

const CONTENT_TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".mjs": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
};

/** Maps a request path to a file inside the package's dist folder, or null for anything else. */
export function bundleFile(packageRoot: string, rawPath: string): string | null {
  // Encoded characters (`%2f`, `%2e`) are refused outright rather than decoded and re-checked.
  if (rawPath.includes("%")) return null;
  const match = BUNDLE_PATH.exec(rawPath);
  if (!match) return null;
  const pkg = match[1];
  const file = match[2];
  if (!pkg || !file) return null;
  if (file.split("/").some((segment) => segment === "." || segment === "..")) return null;
  const dist = path.join(packageRoot, "node_modules", "@clerk", pkg, "dist");
  const resolved = path.resolve(dist, file);
  return resolved.startsWith(dist + path.sep) ? resolved : null;
}

export function registerStaticBundles(app: Hono, clerk: LocalClerk): void {
  app.get("/npm/*", async (c) => {
    const file = bundleFile(clerk.config.packageRoot, new URL(c.req.url).pathname);
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
