// `npm run load`: 50 connections for 30 s against the production build wired to the local Clerk, which
// fails 10 % of its Backend API requests. The mix: valid tokens of 20 users on /api/me (half of them not
// cached yet), /api/admin, expired and forged tokens. It counts the answers by status and the wrong
// ones: any 5xx other than the injected faults' 503/504, a 200 whose id is not the token's user, a
// forged or expired token let in, a crash. Then, without faults, a victim's /api/me latency alone and
// beside a hostile client (scripts/hostile-client.ts), and the Backend API calls that client caused
// against their bound. Exits 1 when anything was wrong; asserts no timing. `-- --hostile-only` skips
// the first part, `-- --skip-build` reuses the last .next-load build.
import { spawn } from "node:child_process";
import http from "node:http";

import { generateKeyPair, SignJWT } from "jose";
import autocannon from "autocannon";

import type { RunningLocalClerk } from "../clerk-local/server";
import { budgetSettings } from "../lib/backend-api-limits";
import { createLocalStack, type StackUser } from "./local-stack";

const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const USERS = 20;
const FAULT = { status: 500, rate: 0.1 } as const;
const HOSTILE_SECONDS = Number(process.env.LOAD_HOSTILE_SECONDS ?? 15);
const HOSTILE_CONNECTIONS = 4;

const stack = createLocalStack({
  appPort: Number(process.env.LOAD_APP_PORT ?? 3300),
  clerkPort: Number(process.env.LOAD_CLERK_PORT ?? 4310),
  distDir: ".next-load",
  label: "load",
});

type Kind = "me (valid)" | "admin (valid)" | "me (expired)" | "me (forged)" | "admin (forged)";
const counts = new Map<string, number>();
const wrong: string[] = [];
const count = (kind: Kind, status: number) => counts.set(`${kind} ${status}`, (counts.get(`${kind} ${status}`) ?? 0) + 1);
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

function judge(kind: Kind, status: number, body: string, expectedId: string | null): void {
  count(kind, status);
  if (status >= 500 && status !== 503 && status !== 504) wrong.push(`${kind}: ${status} ${body.slice(0, 120)}`);
  if (status === 200 && expectedId === null) wrong.push(`${kind}: let in (200)`);
  if (status === 200 && expectedId !== null && kind === "me (valid)") {
    const id = (JSON.parse(body) as { id?: string }).id;
    if (id !== expectedId) wrong.push(`${kind}: 200 for ${id}, token of ${expectedId}`);
  }
}

async function main(): Promise<number> {
  const clerk = await stack.startClerk();
  await stack.build(clerk, process.argv.includes("--skip-build"));
  const isRunning = await stack.startApp(clerk);
  if (!process.argv.includes("--hostile-only")) await faultLoad(clerk, isRunning);
  await hostileLoad(clerk, isRunning);
  console.log(`\nwrong answers: ${wrong.length}`);
  for (const line of wrong.slice(0, 20)) console.log(`  ${line}`);
  return wrong.length === 0 ? 0 : 1;
}

async function faultLoad(clerk: RunningLocalClerk, isRunning: () => boolean): Promise<void> {
  const users = await stack.createUsers(clerk, USERS, 3600);
  const shortLived = await stack.createUsers(clerk, 2, 1);
  const otherKey = (await generateKeyPair("RS256")).privateKey;
  const forged = await new SignJWT({ sub: users[0]!.id, sid: "sess_forged", v: 2 })
    .setProtectedHeader({ alg: "RS256", kid: (await stack.controls(clerk).signingKey()).kid, typ: "JWT" })
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(otherKey);
  // Half the users are looked up before the load, half meet the faults on their first request.
  for (const user of users.slice(0, USERS / 2)) await fetch(`${stack.loadUrl}/api/me`, { headers: { Authorization: `Bearer ${user.token}` } });
  // Past the 1 s lifetime and the 5 s clock skew Clerk allows.
  await sleep(7_000);
  await stack.controls(clerk).setFault(FAULT);

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const request = (kind: Kind, path: string, token: string, expectedId: string | null) => ({
    method: "GET" as const,
    path,
    headers: bearer(token),
    onResponse: (status: number, body: string) => judge(kind, status, body, expectedId),
  });
  const requests = users.flatMap((user, index) => [
    request("me (valid)", "/api/me", user.token, user.id),
    ...(index % 4 === 0 ? [request("admin (valid)", "/api/admin", user.token, user.id)] : []),
    ...(index % 5 === 0 ? [request("me (expired)", "/api/me", shortLived[index % 2]!.token, null)] : []),
    ...(index % 5 === 1 ? [request("me (forged)", "/api/me", forged, null), request("admin (forged)", "/api/admin", forged, null)] : []),
  ]);

  console.log(`Load: ${CONNECTIONS} connections for ${SECONDS} s, ${USERS} users, Backend API fault ${JSON.stringify(FAULT)}`);
  const result = await new Promise<autocannon.Result>((resolve, reject) =>
    autocannon({ url: stack.loadUrl, connections: CONNECTIONS, duration: SECONDS, requests }, (error, outcome) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(outcome),
    ),
  );
  const stats = await stack.controls(clerk).stats();
  const healthy = isRunning() && (await fetch(`${stack.loadUrl}/api/health`).then((r) => r.ok, () => false));
  if (!healthy) wrong.push("the app crashed or stopped answering /api/health");
  if (result.errors > 0) wrong.push(`${result.errors} connection errors or timeouts`);

  console.log(`\nrequests: ${result.requests.total} (${result.requests.average.toFixed(0)} req/s), latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
  console.log("answers by kind and status:");
  for (const [key, value] of [...counts.entries()].sort()) console.log(`  ${key.padEnd(22)} ${value}`);
  console.log(`Backend API faults injected: ${JSON.stringify(stats.bapi_faults ?? {})}`);
  await stack.controls(clerk).setFault(null);
}

// --- a victim beside a hostile client ----------------------------------------------------------------

/** One user's /api/me, one request at a time for `seconds`: every latency in ms. */
async function victimLatencies(user: StackUser, seconds: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const started = performance.now();
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        .get(`${stack.loadUrl}/api/me`, { agent, headers: { authorization: `Bearer ${user.token}` } }, (response) => {
          let text = "";
          response.on("data", (chunk: Buffer) => (text += chunk.toString()));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
        })
        .on("error", reject);
    });
    latencies.push(performance.now() - started);
    if (status !== 200 || (JSON.parse(body) as { id?: string }).id !== user.id) wrong.push(`victim: ${status} ${body.slice(0, 120)}`);
  }
  agent.destroy();
  return latencies;
}

type HostileReport = { sent: number; errors: number; answers: Record<string, number> };

function runHostileClient(seconds: number): Promise<HostileReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/hostile-client.ts", stack.loadUrl, String(seconds), String(HOSTILE_CONNECTIONS)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(output.trim().split("\n").at(-1)!) as HostileReport) : reject(new Error(`the hostile client exited with ${code}`))));
  });
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, count) => sum + count, 0);

async function hostileLoad(clerk: RunningLocalClerk, isRunning: () => boolean): Promise<void> {
  const [victim] = await stack.createUsers(clerk, 1, 3600);
  // The victim's profile is cached first: what is measured is the app's own time, not Clerk's.
  await victimLatencies(victim!, 1);

  const alone = await victimLatencies(victim!, HOSTILE_SECONDS);
  const before = await stack.bapiCounts(clerk);
  const [beside, hostile] = await Promise.all([victimLatencies(victim!, HOSTILE_SECONDS), runHostileClient(HOSTILE_SECONDS)]);
  const after = await stack.bapiCounts(clerk);
  const calls = Object.fromEntries(Object.entries(after).map(([key, count]) => [key, count - (before[key] ?? 0)]).filter(([, count]) => Number(count) > 0));

  // The session budget of a development instance (the local Clerk's key is pk_test_), over the phase.
  const { capacity, perSecond } = budgetSettings("development");
  const bound = Math.floor(capacity + perSecond * HOSTILE_SECONDS);
  const row = (label: string, latencies: number[], sent: string, bapi: string) =>
    console.log(`  ${label.padEnd(34)} ${percentile(latencies, 50).toFixed(1).padStart(7)} ${percentile(latencies, 99).toFixed(1).padStart(7)} ${String(latencies.length).padStart(8)} ${sent.padStart(9)} ${bapi.padStart(8)}`);

  console.log(`\nA victim's /api/me (one request at a time, cached profile) for ${HOSTILE_SECONDS} s alone, then beside a hostile client (${HOSTILE_CONNECTIONS} connections):`);
  console.log(`  ${"".padEnd(34)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"requests".padStart(8)} ${"hostile".padStart(9)} ${"BAPI".padStart(8)}`);
  row("alone", alone, "0", "0");
  row("beside the hostile client", beside, String(hostile.sent), String(total(calls)));
  console.log("hostile answers by kind and status:");
  for (const [key, value] of Object.entries(hostile.answers)) console.log(`  ${key.padEnd(40)} ${value}`);
  console.log(`Backend API calls the hostile client caused: ${JSON.stringify(calls)}; bound ${bound} (${capacity} at once + ${perSecond}/s for ${HOSTILE_SECONDS} s)`);

  if (total(calls) > bound) wrong.push(`the hostile client caused ${total(calls)} Backend API calls, more than the bound ${bound}`);
  for (const [key, value] of Object.entries(hostile.answers)) if (/ 5\d\d$/.test(key)) wrong.push(`hostile ${key}: ${value}`);
  if (!isRunning() || !(await fetch(`${stack.loadUrl}/api/health`).then((r) => r.ok, () => false))) wrong.push("the app crashed or stopped answering after the hostile client");
}

main()
  .then(async (code) => {
    await stack.stopEverything();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await stack.stopEverything();
    process.exit(1);
  });
