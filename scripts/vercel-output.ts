// What `vercel build` wrote to .vercel/output (Vercel's Build Output API v3), read into plain data, and
// the checks `npm run check:vercel` holds it to. Reading touches the disk; every check is a pure
// function of what was read, so its tests can feed it a small fake tree.
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import path from "node:path";

export type VercelFunction = {
  /** Relative to output/functions, e.g. `api/admin.func`. */
  name: string;
  runtime: string | undefined;
  /** Paths inside the function: its own files plus `filePathMap`'s sources, relative to the project. */
  files: string[];
  /** Unzipped size: every file counted once, as Vercel counts it against the limit. */
  bytes: number;
};

export type VercelOutput = {
  functions: VercelFunction[];
  /** Routes that reuse another function: a symlinked `.func` and where it points (null: nowhere). */
  links: { name: string; target: string | null }[];
  /** The `middlewarePath` values of config.json's routes. */
  middlewarePaths: string[];
  /** Files under output/static, as text (latin1 keeps every byte). */
  staticFiles: { name: string; text: string }[];
};

export type CheckResult = { check: string; problems: string[] };

/**
 * Node runtimes Vercel accepts for new deployments, as the pinned CLI's build-utils lists them: 24.x
 * (its default) and 22.x; 20.x was discontinued on 2026-10-01
 * (vercel.com/docs/functions/runtimes/node-js/node-js-versions).
 */
export const SUPPORTED_NODE_RUNTIMES = ["nodejs22.x", "nodejs24.x"];

/** 250 MB unzipped per function, layers included (vercel.com/docs/functions/limitations). */
export const FUNCTION_SIZE_LIMIT_BYTES = 250 * 1024 * 1024;

/** Folders that exist only for development and tests: the local Clerk, the browser suite, the runners. */
export const DEV_ONLY_FOLDERS = ["clerk-local", "e2e", "scripts"];

/** Packages only the local Clerk and the tests use; a function that ships one has pulled in test code. */
export const DEV_ONLY_PACKAGES = [
  "clerk-local",
  "@clerk/clerk-js",
  "@clerk/ui",
  "@clerk/testing",
  "@playwright/test",
  "playwright",
  "playwright-core",
  "hono",
  "@hono/node-server",
];

const SK_VALUE = /\bsk_(test|live)_[A-Za-z0-9]{4,}/;

function filesUnder(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const name = path.posix.join(prefix, entry.name);
    return entry.isDirectory() ? filesUnder(path.join(dir, entry.name), name) : [name];
  });
}

/** Every `.func` under functions/, found without following links (a linked one is a route alias). */
function funcEntries(dir: string, prefix = ""): { name: string; linked: boolean }[] {
  return readdirSync(dir).flatMap((entry) => {
    const name = path.posix.join(prefix, entry);
    const stats = lstatSync(path.join(dir, entry));
    if (entry.endsWith(".func")) return [{ name, linked: stats.isSymbolicLink() }];
    return stats.isDirectory() ? funcEntries(path.join(dir, entry), name) : [];
  });
}

function readFunction(functionsDir: string, name: string, projectRoot: string): VercelFunction {
  const dir = path.join(functionsDir, name);
  const config = JSON.parse(readFileSync(path.join(dir, ".vc-config.json"), "utf8")) as {
    runtime?: string;
    filePathMap?: Record<string, string>;
  };
  const own = filesUnder(dir).map((file) => path.join(dir, file));
  const traced = Object.values(config.filePathMap ?? {});
  const counted = new Set([...own, ...traced.map((file) => path.resolve(projectRoot, file))]);
  let bytes = 0;
  for (const file of counted) bytes += statSync(file).size;
  return { name, runtime: config.runtime, files: [...filesUnder(dir), ...traced], bytes };
}

function linkTarget(functionsDir: string, name: string): string | null {
  const link = path.join(functionsDir, name);
  const target = path.posix.join(path.posix.dirname(name), readlinkSync(link));
  try {
    return statSync(link).isDirectory() ? target : null;
  } catch {
    return null;
  }
}

export function readVercelOutput(outputDir: string, projectRoot: string): VercelOutput {
  const functionsDir = path.join(outputDir, "functions");
  // A build with no server routes at all writes no functions/ folder.
  const entries = existsSync(functionsDir) ? funcEntries(functionsDir) : [];
  const config = JSON.parse(readFileSync(path.join(outputDir, "config.json"), "utf8")) as {
    routes?: { middlewarePath?: string }[];
  };
  const staticDir = path.join(outputDir, "static");
  return {
    functions: entries.filter((e) => !e.linked).map((e) => readFunction(functionsDir, e.name, projectRoot)),
    links: entries.filter((e) => e.linked).map((e) => ({ name: e.name, target: linkTarget(functionsDir, e.name) })),
    middlewarePaths: (config.routes ?? []).flatMap((route) => (route.middlewarePath ? [route.middlewarePath] : [])),
    staticFiles: filesUnder(staticDir).map((name) => ({ name, text: readFileSync(path.join(staticDir, name), "latin1") })),
  };
}

export function checkRuntimes(output: VercelOutput): CheckResult {
  const problems = output.functions
    .filter((fn) => !SUPPORTED_NODE_RUNTIMES.includes(fn.runtime ?? ""))
    .map((fn) => `${fn.name}: runtime ${fn.runtime ?? "(none)"}, expected one of ${SUPPORTED_NODE_RUNTIMES.join(", ")}`);
  if (output.functions.length === 0) problems.push("no function at all: the build produced no server routes");
  for (const link of output.links) if (link.target === null) problems.push(`${link.name}: links to no function`);
  return { check: "every route is a Node.js function on a supported runtime", problems };
}

export function checkProxy(output: VercelOutput): CheckResult {
  const problems: string[] = [];
  if (!output.functions.some((fn) => fn.name === "_middleware.func")) problems.push("no _middleware.func: proxy.ts was not built");
  if (!output.middlewarePaths.includes("/_middleware")) problems.push("config.json routes no request through /_middleware");
  return { check: "the proxy (clerkMiddleware) runs as _middleware.func", problems };
}

/** The forbidden folder or package a traced path belongs to, if any. */
export function devOnlySource(file: string): string | undefined {
  const folder = DEV_ONLY_FOLDERS.find((name) => file.startsWith(`${name}/`));
  if (folder) return `${folder}/`;
  // Every package on the path counts: one nested inside a dev-only package came with it.
  const packages = [...file.matchAll(/(?<=^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].map((match) => match[1]);
  return packages.find((name) => name !== undefined && DEV_ONLY_PACKAGES.includes(name));
}

export function checkTraces(output: VercelOutput): CheckResult {
  const problems = output.functions.flatMap((fn) => {
    const hits = new Map<string, string>();
    for (const file of fn.files) {
      const source = devOnlySource(file);
      if (source && !hits.has(source)) hits.set(source, file);
    }
    return [...hits].map(([source, file]) => `${fn.name} traces ${source} (${file})`);
  });
  return { check: "no function traces the local Clerk, the tests, the scripts or a dev-only package", problems };
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function checkSizes(output: VercelOutput): CheckResult {
  const problems = output.functions
    .filter((fn) => fn.bytes > FUNCTION_SIZE_LIMIT_BYTES)
    .map((fn) => `${fn.name}: ${formatMegabytes(fn.bytes)} unzipped, over ${formatMegabytes(FUNCTION_SIZE_LIMIT_BYTES)}`);
  return { check: "every function is under Vercel's 250 MB unzipped limit", problems };
}

/** `secrets` are the values the build was given; any other `sk_` key is caught by its shape. */
export function checkStaticSecrets(output: VercelOutput, secrets: string[]): CheckResult {
  const problems: string[] = [];
  for (const file of output.staticFiles) {
    if (secrets.some((secret) => secret && file.text.includes(secret))) problems.push(`static/${file.name}: a secret the build was given`);
    const value = SK_VALUE.exec(file.text);
    if (value) problems.push(`static/${file.name}: ${value[0].slice(0, 12)}…`);
  }
  return { check: "no secret or sk_ value in static/", problems };
}

/**
 * Warnings `vercel build` prints about the Node version: an open `engines.node` range (it would move
 * to the next major unasked) or a deprecated or overridden one.
 */
export function checkBuildLog(log: string): CheckResult {
  const problems = log
    .split("\n")
    .filter((line) => /"engines": \{ "node"|Node\.js version .* is deprecated|Node\.js Version .* is discontinued/.test(line))
    .map((line) => line.trim());
  return { check: "the build log has no Node.js version warning", problems };
}

export function runChecks(output: VercelOutput, secrets: string[], buildLog: string): CheckResult[] {
  return [
    checkRuntimes(output),
    checkProxy(output),
    checkTraces(output),
    checkSizes(output),
    checkStaticSecrets(output, secrets),
    checkBuildLog(buildLog),
  ];
}
