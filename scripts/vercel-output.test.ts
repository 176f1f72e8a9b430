import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

import {
  checkBuildLog,
  checkProxy,
  checkRuntimes,
  checkSizes,
  checkStaticSecrets,
  checkTraces,
  FUNCTION_SIZE_LIMIT_BYTES,
  readVercelOutput,
  runChecks,
  type VercelOutput,
} from "./vercel-output";

const SECRET = "sk_test_fakeSecretForTheTree";

type FakeFunction = { runtime?: string; filePathMap?: Record<string, string> };

/** A project root holding a small .vercel/output like the one `vercel build` writes for this app. */
function fakeProject(options: {
  functions?: Record<string, FakeFunction>;
  links?: Record<string, string>;
  routes?: object[];
  staticFiles?: Record<string, string>;
  projectFiles?: Record<string, string>;
}): string {
  const root = mkdtempSync(path.join(tmpdir(), "vercel-output-"));
  roots.push(root);
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  const out = ".vercel/output";
  for (const [name, fn] of Object.entries(options.functions ?? {})) {
    write(`${out}/functions/${name}/.vc-config.json`, JSON.stringify({ handler: "___next_launcher.cjs", ...fn }));
    write(`${out}/functions/${name}/___next_launcher.cjs`, "module.exports = {};\n");
  }
  for (const [name, target] of Object.entries(options.links ?? {})) {
    symlinkSync(target, path.join(root, out, "functions", name));
  }
  write(`${out}/config.json`, JSON.stringify({ version: 3, routes: options.routes ?? [] }));
  mkdirSync(path.join(root, out, "static"), { recursive: true });
  for (const [name, text] of Object.entries(options.staticFiles ?? {})) write(`${out}/static/${name}`, text);
  for (const [name, text] of Object.entries(options.projectFiles ?? {})) write(name, text);
  return root;
}

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const NEXT_FILE = "node_modules/next/dist/server/next-server.js";
const GOOD = {
  functions: {
    "_middleware.func": { runtime: "nodejs24.x", filePathMap: { [NEXT_FILE]: NEXT_FILE } },
    "api/admin.func": { runtime: "nodejs24.x", filePathMap: { [NEXT_FILE]: NEXT_FILE, ".next/server/app/api/me/route.js": ".next/server/app/api/me/route.js" } },
  },
  links: { "api/me.func": "admin.func" },
  routes: [{ src: "/(.*)", middlewarePath: "/_middleware", continue: true }],
  staticFiles: { "_next/static/chunks/app.js": 'const key="pk_test_Y2xlcmsuZXhhbXBsZS5jb20k";' },
  projectFiles: { [NEXT_FILE]: "x".repeat(1000), ".next/server/app/api/me/route.js": "y".repeat(200) },
};

function read(options: Parameters<typeof fakeProject>[0]): VercelOutput {
  const root = fakeProject(options);
  return readVercelOutput(path.join(root, ".vercel/output"), root);
}

const problemsOf = (result: { problems: string[] }) => result.problems;

describe("reading .vercel/output", () => {
  it("finds each function, its runtime, its traced files and its size with every file counted once", () => {
    const output = read(GOOD);
    const admin = output.functions.find((fn) => fn.name === "api/admin.func");
    expect(output.functions.map((fn) => fn.name).sort()).toEqual(["_middleware.func", "api/admin.func"]);
    expect(admin?.runtime).toBe("nodejs24.x");
    expect(admin?.files).toContain(NEXT_FILE);
    const ownBytes = JSON.stringify({ handler: "___next_launcher.cjs", ...GOOD.functions["api/admin.func"] }).length + 21;
    expect(admin?.bytes).toBe(ownBytes + 1000 + 200);
    expect(output.links).toEqual([{ name: "api/me.func", target: "api/admin.func" }]);
    expect(output.middlewarePaths).toEqual(["/_middleware"]);
  });

  it("passes every check on a tree like the app's", () => {
    expect(runChecks(read(GOOD), [SECRET], "Build Completed in .vercel/output").flatMap(problemsOf)).toEqual([]);
  });
});

describe("each check fails on the tree that breaks it", () => {
  it("runtimes: an Edge function, a discontinued Node, a route linked to nothing, or no function at all", () => {
    const output = read({
      ...GOOD,
      functions: { ...GOOD.functions, "edge.func": { runtime: "edge" }, "old.func": { runtime: "nodejs20.x" } },
      links: { "api/me.func": "gone.func" },
    });
    expect(problemsOf(checkRuntimes(output))).toEqual([
      expect.stringMatching(/^edge\.func: runtime edge/),
      expect.stringMatching(/^old\.func: runtime nodejs20\.x/),
      "api/me.func: links to no function",
    ]);
    expect(problemsOf(checkRuntimes(read({ ...GOOD, functions: {}, links: {} })))).toEqual([
      "no function at all: the build produced no server routes",
    ]);
  });

  it("proxy: no _middleware.func, or no route through it", () => {
    const { "_middleware.func": _middleware, ...withoutProxy } = GOOD.functions;
    expect(_middleware).toBeDefined();
    expect(problemsOf(checkProxy(read({ ...GOOD, functions: withoutProxy })))).toEqual(["no _middleware.func: proxy.ts was not built"]);
    expect(problemsOf(checkProxy(read({ ...GOOD, routes: [] })))).toEqual(["config.json routes no request through /_middleware"]);
  });

  it.each([
    ["clerk-local/", "clerk-local/spec/recorder.ts"],
    ["e2e/", "e2e/support/ports.ts"],
    ["scripts/", "scripts/next-cli.ts"],
    ["@clerk/clerk-js", "node_modules/@clerk/clerk-js/dist/clerk.js"],
    ["@clerk/ui", "node_modules/@clerk/nextjs/node_modules/@clerk/ui/dist/ui.js"],
    ["@clerk/testing", "node_modules/@clerk/testing/dist/index.js"],
    ["playwright-core", "node_modules/playwright-core/index.js"],
    ["hono", "node_modules/hono/dist/index.js"],
  ])("traces: a function that ships %s", (source, file) => {
    const fn = { runtime: "nodejs24.x", filePathMap: { [NEXT_FILE]: NEXT_FILE, [file]: file } };
    const output = read({ ...GOOD, functions: { ...GOOD.functions, "api/admin.func": fn }, projectFiles: { ...GOOD.projectFiles, [file]: "z" } });
    expect(problemsOf(checkTraces(output))).toEqual([`api/admin.func traces ${source} (${file})`]);
  });

  it("traces: packages and folders that only share a prefix with a dev-only one pass", () => {
    const files = ["node_modules/honox/index.js", "node_modules/@clerk/nextjs/dist/index.js", "lib/scripts.ts", ".next/server/e2e.js"];
    const fn = { runtime: "nodejs24.x", filePathMap: Object.fromEntries(files.map((file) => [file, file])) };
    const projectFiles = Object.fromEntries(files.map((file) => [file, "z"]));
    expect(problemsOf(checkTraces(read({ ...GOOD, functions: { "api/admin.func": fn }, projectFiles })))).toEqual([]);
  });

  it("sizes: a function over 250 MB unzipped", () => {
    const root = fakeProject(GOOD);
    truncateSync(path.join(root, NEXT_FILE), FUNCTION_SIZE_LIMIT_BYTES);
    const problems = problemsOf(checkSizes(readVercelOutput(path.join(root, ".vercel/output"), root)));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^_middleware\.func: 250\.0 MB unzipped, over 250\.0 MB$/);
  });

  it("static secrets: the secret the build was given, or any sk_test_/sk_live_ value", () => {
    const staticFiles = { "_next/static/a.js": `x="${SECRET}"`, "_next/static/b.js": 'k="sk_live_abcdef123"', "ok.js": 'mask_test_abcdef="sk_"' };
    expect(problemsOf(checkStaticSecrets(read({ ...GOOD, staticFiles }), [SECRET]))).toEqual([
      "static/_next/static/a.js: a secret the build was given",
      "static/_next/static/a.js: sk_test_fake…",
      "static/_next/static/b.js: sk_live_abcd…",
    ]);
  });

  it("build log: the engines auto-upgrade warning or a deprecated Node", () => {
    const log = [
      "Vercel CLI 58.11.0",
      'Warning: Detected "engines": { "node": ">=20.9" } in your `package.json` that will automatically upgrade when a new major Node.js Version is released.',
      "Error: Node.js version 20.x is deprecated. Deployments created on or after 2026-10-01 will fail to build.",
      "Build Completed in .vercel/output [40s]",
    ].join("\n");
    expect(problemsOf(checkBuildLog(log))).toEqual([expect.stringMatching(/^Warning: Detected "engines"/), expect.stringMatching(/^Error: Node\.js version 20\.x/)]);
  });
});
