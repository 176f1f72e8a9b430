// The app's production build and a local Clerk, started side by side on ports of their own for the
// scripts that measure them (`npm run bench`, `npm run load`), and stopped together whatever happens.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { createClerkClient } from "@clerk/backend";

import { configFromEnv, startLocalClerk, type RunningLocalClerk } from "clerk-local";
import { localClerkControls } from "clerk-local/controls";
import { forThisApp } from "./local-clerk-for-app";
import { keepTypeScriptFiles, NEXT_BIN, NEXT_BUILD_ARGS } from "./next-cli";
import type { LoadClientMode } from "./load-client";

export type StackUser = { id: string; email: string; password: string; firstName: string; token: string };
export type StackApiKey = { id: string; secret: string };
export type LoadClientReport = { sent: number; errors: number; answers: Record<string, number> };
export type StackSettings = { appPort: number; clerkPort: number; distDir: string; label: string };

const log = (line = "") => console.log(line);
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

export function createLocalStack(settings: StackSettings) {
  const APP_PORT = settings.appPort;
  const CLERK_PORT = settings.clerkPort;
  const DIST_DIR = settings.distDir;
  const APP_URL = `http://localhost:${APP_PORT}`;

  // Everything started here, stopped in reverse order on the way out, whatever happens.
  const cleanups: (() => Promise<void>)[] = [];
  async function stopEverything(): Promise<void> {
    while (cleanups.length > 0) {
      try {
        await cleanups.pop()!();
      } catch (error) {
        console.error("cleanup failed:", error instanceof Error ? error.message : error);
      }
    }
  }

  // --- processes -------------------------------------------------------------------------------------

  function localClerkEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(APP_PORT), CLERK_LOCAL_PORT: String(CLERK_PORT) };
    // The bench needs its own, predictable local Clerk: users in memory, webhooks to this app.
    for (const name of [
      "CLERK_LOCAL_WEBHOOK_URL",
      "CLERK_LOCAL_STATE_FILE",
      "CLERK_LOCAL_SEED_FILE",
      "CLERK_LOCAL_BAPI_LATENCY_MS",
      "CLERK_LOCAL_FAPI_LATENCY_MS",
      "CLERK_LOCAL_TOKEN_TTL_SECONDS",
    ]) {
      delete env[name];
    }
    return env;
  }

  async function startClerk(): Promise<RunningLocalClerk> {
    const env = localClerkEnv();
    const running = await startLocalClerk(forThisApp(configFromEnv(env), env), env);
    cleanups.push(() => running.close());
    return running;
  }

  function nextEnv(clerk: RunningLocalClerk): NodeJS.ProcessEnv {
    return { ...process.env, ...clerk.appEnv, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" };
  }

  /** The build bakes the local Clerk's URL (NEXT_PUBLIC_*) in: remember which, to refuse a stale reuse. */
  const buildMarker = path.join(DIST_DIR, "stack-build.json");

  async function build(clerk: RunningLocalClerk, skip: boolean): Promise<void> {
    const wanted = JSON.stringify({ clerkUrl: clerk.url });
    if (skip) {
      if (existsSync(buildMarker) && readFileSync(buildMarker, "utf8") === wanted) {
        log(`Reusing the build in ${DIST_DIR}.`);
        return;
      }
      throw new Error(`--skip-build: ${DIST_DIR} holds no build for the local Clerk at ${clerk.url}; run without it`);
    }
    log(`Building into ${DIST_DIR} (next ${NEXT_BUILD_ARGS.join(" ")})...`);
    const started = performance.now();
    const restoreTypeScriptFiles = keepTypeScriptFiles();
    const output: Buffer[] = [];
    const child = spawn(process.execPath, [NEXT_BIN, ...NEXT_BUILD_ARGS], { env: nextEnv(clerk), stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
    const code = await new Promise<number>((resolve) => child.on("exit", (exitCode) => resolve(exitCode ?? 1)));
    restoreTypeScriptFiles();
    if (code !== 0) {
      process.stderr.write(Buffer.concat(output));
      throw new Error(`next build failed with exit code ${code}`);
    }
    writeFileSync(buildMarker, wanted);
    log(`Built in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  }

  /** Starts `next start`; the answer tells whether the server process is still running. */
  async function startApp(clerk: RunningLocalClerk): Promise<() => boolean> {
    mkdirSync(DIST_DIR, { recursive: true });
    // The server's log (one line per /api/admin request, webhook lines) goes to a file, not through us.
    const logPath = path.join(DIST_DIR, "server.log");
    const logFd = openSync(logPath, "w");
    // Its own process group, so stopping it also stops anything it spawned, and nothing else.
    const child: ChildProcess = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(APP_PORT)], {
      env: nextEnv(clerk),
      stdio: ["ignore", logFd, logFd],
      detached: true,
    });
    closeSync(logFd);
    let exited = false;
    const exit = new Promise<void>((resolve) =>
      child.on("exit", () => {
        exited = true;
        resolve();
      }),
    );
    cleanups.push(async () => {
      if (exited || child.pid === undefined) return;
      process.kill(-child.pid, "SIGTERM");
      const killed = await Promise.race([exit.then(() => true), sleep(5000).then(() => false)]);
      if (!killed) process.kill(-child.pid, "SIGKILL");
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (exited) throw new Error(`next start exited early; see ${logPath}`);
      try {
        if ((await fetch(`${APP_URL}/api/health`)).ok) return () => !exited;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`the app did not answer /api/health within 60 s; see ${logPath}`);
  }

  // --- the local Clerk's controls ----------------------------------------------------------------------

  const controls = (clerk: RunningLocalClerk) => localClerkControls(clerk.url);

  async function bapiCounts(clerk: RunningLocalClerk): Promise<Record<string, number>> {
    return (await controls(clerk).stats()).bapi;
  }

  async function setBapiLatency(clerk: RunningLocalClerk, latencyMs: number): Promise<void> {
    await controls(clerk).setConfig({ bapi_latency_ms: latencyMs });
  }

  // --- users ---------------------------------------------------------------------------------------------

  /** Users with a session token each; `role` goes into public_metadata, and so into their tokens. */
  async function createUsers(clerk: RunningLocalClerk, count: number, tokenSeconds: number, role: "admin" | "member" = "member"): Promise<StackUser[]> {
    const backend = createClerkClient({ secretKey: clerk.appEnv.CLERK_SECRET_KEY!, apiUrl: clerk.url });
    const run = randomUUID().slice(0, 8);
    return Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const email = `${settings.label}-${run}-${index}@example.com`;
        const password = `${settings.label}-${randomUUID()}`;
        const user = await backend.users.createUser({
          emailAddress: [email],
          password,
          firstName: settings.label,
          lastName: `User ${index}`,
          publicMetadata: { role },
        });
        const session = await backend.sessions.createSession({ userId: user.id });
        const { jwt } = await backend.sessions.getToken(session.id, undefined, tokenSeconds);
        return { id: user.id, email, password, firstName: settings.label, token: jwt };
      }),
    );
  }

  /**
   * A client of scripts/load-client.ts in a process of its own (its work must not delay what is
   * measured here): `mode` hostile, api-keys or benign, for `seconds`; its report once it ends.
   */
  function runLoadClient(mode: LoadClientMode, connections: number, seconds: number): Promise<LoadClientReport> {
    return new Promise((resolve, reject) => {
      const args = ["--import", "tsx", "scripts/load-client.ts", mode, `http://127.0.0.1:${APP_PORT}`, String(seconds), String(connections)];
      const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.on("exit", (code) =>
        code === 0 ? resolve(JSON.parse(output.trim().split("\n").at(-1)!) as LoadClientReport) : reject(new Error(`the ${mode} client exited with ${code}`)),
      );
    });
  }

  /** An API key for each user, made through the Backend API as <APIKeys /> would make it. */
  async function createApiKeys(clerk: RunningLocalClerk, users: StackUser[]): Promise<StackApiKey[]> {
    const backend = createClerkClient({ secretKey: clerk.appEnv.CLERK_SECRET_KEY!, apiUrl: clerk.url });
    return Promise.all(
      users.map(async (user) => {
        // Names are unique among a user's valid keys.
        const { id, secret } = await backend.apiKeys.create({ name: `${settings.label} key ${randomUUID().slice(0, 8)}`, subject: user.id });
        if (!secret) throw new Error(`no secret for ${user.id}'s new API key`);
        return { id, secret };
      }),
    );
  }

  async function revokeApiKey(clerk: RunningLocalClerk, key: StackApiKey): Promise<void> {
    await createClerkClient({ secretKey: clerk.appEnv.CLERK_SECRET_KEY!, apiUrl: clerk.url }).apiKeys.revoke({ apiKeyId: key.id });
  }

  return {
    appUrl: APP_URL,
    // Load generators talk to the IPv4 loopback directly: no name resolution in the measured path.
    loadUrl: `http://127.0.0.1:${APP_PORT}`,
    cleanups,
    stopEverything,
    startClerk,
    build,
    startApp,
    controls,
    bapiCounts,
    setBapiLatency,
    createUsers,
    createApiKeys,
    revokeApiKey,
    runLoadClient,
  };
}
