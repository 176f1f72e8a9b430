// `npm run check:vercel`: Vercel's own build (`vercel build`, pinned CLI, on Node 24 as Vercel runs it)
// of this repository, offline, with no account and no token, then the checks of vercel-output.ts on
// what it wrote. `--no-build` checks the last build's output again.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { vercelCli, withNode24 } from "./pinned-tools";
import { formatMegabytes, readVercelOutput, runChecks } from "./vercel-output";

const VERCEL_DIR = ".vercel";
const PROJECT_FILE = path.join(VERCEL_DIR, "project.json");
const BUILD_LOG = path.join(VERCEL_DIR, "check-vercel-build.log");

/**
 * What `vercel pull` would write for a new Next.js project. With `settings` present the CLI asks the
 * API for nothing; the ids only have to look like ids.
 */
const PROJECT = {
  projectId: "prj_checkvercel",
  orgId: "team_checkvercel",
  settings: { framework: "nextjs", nodeVersion: "24.x", buildCommand: null, installCommand: null, outputDirectory: null, rootDirectory: null },
};

/** Fake but well-formed keys: the build validates them (lib/env.ts); `.invalid` never resolves. */
const FAKE_ENV = {
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: `pk_test_${Buffer.from("clerk.check-vercel.invalid$").toString("base64").replace(/=+$/, "")}`,
  CLERK_SECRET_KEY: "sk_test_checkVercelFakeSecretKey",
  CLERK_WEBHOOK_SIGNING_SECRET: `whsec_${Buffer.from("check-vercel-fake-signing-key").toString("base64")}`,
};

/** The local Clerk's variables would point the build at it; a developer's shell may have them. */
const LOCAL_CLERK_ENV = { CLERK_API_URL: "", NEXT_PUBLIC_CLERK_PROXY_URL: "", NEXT_PUBLIC_CLERK_JS_URL: "", NEXT_PUBLIC_CLERK_UI_URL: "", NEXT_DIST_DIR: "" };

/** Runs the CLI, echoing its output and keeping it for the log check. */
function vercelBuild(): Promise<{ code: number; log: string }> {
  const env = withNode24({ ...process.env, ...LOCAL_CLERK_ENV, ...FAKE_ENV, VERCEL_TELEMETRY_DISABLED: "1", NEXT_TELEMETRY_DISABLED: "1", NO_UPDATE_NOTIFIER: "1" });
  const cli = vercelCli();
  return new Promise((resolve) => {
    // `node` from PATH is Node 24, so the CLI and every build step it spawns run on it.
    const child = spawn("node", [cli, "build", "--prod", "--yes"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    const keep = (sink: NodeJS.WriteStream) => (chunk: Buffer) => {
      log += chunk.toString();
      sink.write(chunk);
    };
    child.stdout.on("data", keep(process.stdout));
    child.stderr.on("data", keep(process.stderr));
    child.on("close", (code) => resolve({ code: code ?? 1, log }));
  });
}

/** Builds with the fake project, leaving a project the developer linked with `vercel link` as it was. */
async function buildWithFakeProject(): Promise<{ code: number; log: string }> {
  const linked = existsSync(PROJECT_FILE) ? readFileSync(PROJECT_FILE, "utf8") : null;
  mkdirSync(VERCEL_DIR, { recursive: true });
  writeFileSync(PROJECT_FILE, `${JSON.stringify(PROJECT, null, 2)}\n`);
  try {
    return await vercelBuild();
  } finally {
    if (linked === null) rmSync(PROJECT_FILE);
    else writeFileSync(PROJECT_FILE, linked);
  }
}

async function main(): Promise<number> {
  let log: string;
  if (process.argv.includes("--no-build")) {
    log = readFileSync(BUILD_LOG, "utf8");
  } else {
    const build = await buildWithFakeProject();
    log = build.log;
    writeFileSync(BUILD_LOG, log);
    if (build.code !== 0) {
      console.error(`\ncheck:vercel: vercel build failed (exit ${build.code})`);
      return 1;
    }
  }

  const output = readVercelOutput(path.join(VERCEL_DIR, "output"), process.cwd());
  console.log("\ncheck:vercel: functions in .vercel/output");
  for (const fn of output.functions) console.log(`  ${fn.name.padEnd(28)} ${String(fn.runtime).padEnd(12)} ${formatMegabytes(fn.bytes)}`);
  console.log(`  (${output.links.length} more routes link to these)\n`);

  const results = runChecks(output, [FAKE_ENV.CLERK_SECRET_KEY, FAKE_ENV.CLERK_WEBHOOK_SIGNING_SECRET], log);
  for (const { check, problems } of results) {
    console.log(`${problems.length === 0 ? "ok  " : "FAIL"} ${check}`);
    for (const problem of problems) console.log(`       - ${problem}`);
  }
  const failed = results.filter((result) => result.problems.length > 0).length;
  console.log(`\ncheck:vercel: ${results.length - failed} of ${results.length} checks passed`);
  return failed === 0 ? 0 : 1;
}

process.exit(await main());
