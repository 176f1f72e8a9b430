// `npm run load`: 50 connections for 30 s against the production build wired to the local Clerk, which
// fails 10 % of its Backend API requests. The mix: valid tokens of 20 users on /api/me (half of them not
// cached yet), /api/admin by admins and by members, expired and forged tokens, and API-key clients:
// each user's key on /api/me, admins' and members' keys on /api/admin, a revoked key, a made-up one. It
// counts the answers by status and the wrong ones: any 5xx other than the injected faults' 503/504, a
// 200 whose id is not the credential's user, a member, forged, expired, revoked or made-up credential
// let in, a good key refused with 401, a crash. Then, without faults, a victim's /api/me latency alone,
// beside a benign flood, beside hostile clients and beside a flood of made-up API keys
// (scripts/load-client.ts), and the Backend API calls each client caused against their bound. Exits 1
// when anything was wrong; asserts no timing. `-- --hostile-only` skips the first part, `-- --skip-build`
// reuses the last .next-load build.
import http from "node:http";

import { generateKeyPair, SignJWT } from "jose";
import autocannon from "autocannon";

import type { RunningLocalClerk } from "clerk-local";
import { API_KEY_REFRESH_AFTER_SECONDS } from "../lib/api-keys";
import { budgetBound, budgetSettings } from "../lib/backend-api-limits";
import { HOSTILE_REQUESTS, type ClientRequest } from "./load-client";
import type { LoadClientMode } from "./load-client";
import { createLocalStack, type StackUser } from "./local-stack";

const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const USERS = 20;
const FAULT = { status: 500, rate: 0.1 } as const;
const HOSTILE_SECONDS = Number(process.env.LOAD_HOSTILE_SECONDS ?? 10);

const stack = createLocalStack({
  appPort: Number(process.env.LOAD_APP_PORT ?? 3300),
  clerkPort: Number(process.env.LOAD_CLERK_PORT ?? 4310),
  distDir: ".next-load",
  label: "load",
});

type Kind =
  | "me (valid)"
  | "admin (valid)"
  | "admin (member)"
  | "me (expired)"
  | "me (forged)"
  | "admin (forged)"
  | "me (API key)"
  | "admin (API key)"
  | "admin (member's API key)"
  | "me (revoked API key)"
  | "me (random API key)";
/** Kinds whose credential is good: a 401 for one of them is wrong. */
const GOOD_KEYS: Kind[] = ["me (API key)", "admin (API key)", "admin (member's API key)"];
const counts = new Map<string, number>();
const wrong: string[] = [];
const count = (kind: Kind, status: number) => counts.set(`${kind} ${status}`, (counts.get(`${kind} ${status}`) ?? 0) + 1);
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

function judge(kind: Kind, status: number, body: string, expectedId: string | null): void {
  count(kind, status);
  if (status >= 500 && status !== 503 && status !== 504) wrong.push(`${kind}: ${status} ${body.slice(0, 120)}`);
  if (status === 200 && (expectedId === null || kind.startsWith("admin (member"))) wrong.push(`${kind}: let in (200)`);
  if (status === 200 && expectedId !== null && kind.startsWith("me (")) {
    const id = (JSON.parse(body) as { id?: string }).id;
    if (id !== expectedId) wrong.push(`${kind}: 200 for ${id}, credential of ${expectedId}`);
  }
  if (status === 401 && GOOD_KEYS.includes(kind)) wrong.push(`${kind}: a good key refused (401)`);
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
  const users = await stack.createUsers(clerk, USERS, 3600, "admin");
  const members = await stack.createUsers(clerk, 2, 3600, "member");
  const shortLived = await stack.createUsers(clerk, 2, 1);
  // API-key clients: a key per admin and member, and one revoked before the load starts.
  const keys = await stack.createApiKeys(clerk, users);
  const memberKeys = await stack.createApiKeys(clerk, members);
  const [revoked] = await stack.createApiKeys(clerk, members.slice(0, 1));
  await stack.revokeApiKey(clerk, revoked!);
  const randomKey = `ak_${"R4nd0m".repeat(7)}`;
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
    ...(index % 4 === 2 ? [request("admin (member)", "/api/admin", members[index % 2]!.token, members[index % 2]!.id)] : []),
    ...(index % 5 === 0 ? [request("me (expired)", "/api/me", shortLived[index % 2]!.token, null)] : []),
    ...(index % 5 === 1 ? [request("me (forged)", "/api/me", forged, null), request("admin (forged)", "/api/admin", forged, null)] : []),
    request("me (API key)", "/api/me", keys[index]!.secret, user.id),
    ...(index % 4 === 1 ? [request("admin (API key)", "/api/admin", keys[index]!.secret, user.id)] : []),
    ...(index % 4 === 3 ? [request("admin (member's API key)", "/api/admin", memberKeys[index % 2]!.secret, members[index % 2]!.id)] : []),
    ...(index % 5 === 2 ? [request("me (revoked API key)", "/api/me", revoked!.secret, null)] : []),
    ...(index % 5 === 3 ? [request("me (random API key)", "/api/me", randomKey, null)] : []),
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
  for (const [key, value] of [...counts.entries()].sort()) console.log(`  ${key.padEnd(30)} ${value}`);
  console.log(`Backend API faults injected: ${JSON.stringify(stats.bapi_faults ?? {})}`);
  await stack.controls(clerk).setFault(null);
}

// --- a victim beside a hostile client ----------------------------------------------------------------

function send(agent: http.Agent, { path, headers }: ClientRequest): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(`${stack.loadUrl}${path}`, { agent, headers }, (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body, ms: performance.now() - started }));
      })
      .on("error", reject);
  });
}

/** One user's /api/me, one request at a time for `seconds`, with their session token or `credential`: every latency in ms. */
async function victimLatencies(user: StackUser, seconds: number, credential = user.token): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const { status, body, ms } = await send(agent, { path: "/api/me", headers: { authorization: `Bearer ${credential}` } });
    latencies.push(ms);
    if (status !== 200 || (JSON.parse(body) as { id?: string }).id !== user.id) wrong.push(`victim: ${status} ${body.slice(0, 120)}`);
  }
  agent.destroy();
  return latencies;
}

/** What one hostile request of each kind costs: sent one at a time, nothing else running. */
async function oneHostileRequestAtATime(count: number): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  console.log(`\nOne hostile request at a time, ${count} of each kind, nothing else running (time to the answer):`);
  console.log(`  ${"".padEnd(32)} ${"status".padStart(7)} ${"p50 ms".padStart(7)} ${"max ms".padStart(7)}`);
  for (const [kind, make] of Object.entries(HOSTILE_REQUESTS)) {
    const answers = [];
    for (let index = 0; index < count; index += 1) answers.push(await send(agent, make()));
    const statuses = [...new Set(answers.map((answer) => answer.status))].join("/");
    const times = answers.map((answer) => answer.ms);
    console.log(`  ${kind.padEnd(32)} ${statuses.padStart(7)} ${percentile(times, 50).toFixed(1).padStart(7)} ${Math.max(...times).toFixed(1).padStart(7)}`);
  }
  agent.destroy();
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, count) => sum + count, 0);

async function hostileLoad(clerk: RunningLocalClerk, isRunning: () => boolean): Promise<void> {
  const [victim] = await stack.createUsers(clerk, 1, 3600);
  const [victimKey] = await stack.createApiKeys(clerk, [victim!]);
  // The victim's profile (and key) is cached first: what is measured is the app's own time, not Clerk's.
  await victimLatencies(victim!, 1);
  await victimLatencies(victim!, 1, victimKey!.secret);
  // The session budget of a development instance (the local Clerk's key is pk_test_), over one phase.
  const { capacity, perSecond } = budgetSettings("development");
  const bound = budgetBound("development", HOSTILE_SECONDS);
  // The victim's own key, in use: asked about again every few seconds (one more if its entry had ended).
  const keyRefreshes = Math.floor(HOSTILE_SECONDS / API_KEY_REFRESH_AFTER_SECONDS) + 1;
  await oneHostileRequestAtATime(20);
  await sleep((capacity / perSecond) * 1000);

  const phases: { label: string; client?: { mode: LoadClientMode; connections: number }; byKey?: boolean }[] = [
    { label: "alone" },
    { label: "beside 4 benign connections", client: { mode: "benign", connections: 4 } },
    { label: "beside 1 hostile connection", client: { mode: "hostile", connections: 1 } },
    { label: "beside 4 hostile connections", client: { mode: "hostile", connections: 4 } },
    { label: "beside 4 made-up-key conns", client: { mode: "api-keys", connections: 4 } },
    { label: "API key, alone", byKey: true },
    { label: "API key, beside 4 made-up-key", client: { mode: "api-keys", connections: 4 }, byKey: true },
  ];
  console.log(`\nA victim's /api/me, one request at a time (cached profile), ${HOSTILE_SECONDS} s per row; the other client's requests and the Backend API calls they caused:`);
  console.log(`  ${"".padEnd(30)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"victim".padStart(7)} ${"other".padStart(7)} ${"BAPI".padStart(5)}`);
  const answers: string[] = [];
  for (const { label, client, byKey } of phases) {
    const before = await stack.bapiCounts(clerk);
    const [latencies, report] = await Promise.all([
      victimLatencies(victim!, HOSTILE_SECONDS, byKey ? victimKey!.secret : victim!.token),
      client ? stack.runLoadClient(client.mode, client.connections, HOSTILE_SECONDS) : Promise.resolve(null),
    ]);
    const after = await stack.bapiCounts(clerk);
    const calls = Object.fromEntries(Object.entries(after).map(([key, count]) => [key, count - (before[key] ?? 0)]).filter(([, count]) => Number(count) > 0));
    const cells = [percentile(latencies, 50).toFixed(1), percentile(latencies, 99).toFixed(1), String(latencies.length), String(report?.sent ?? 0)];
    console.log(`  ${label.padEnd(30)} ${cells.map((cell) => cell.padStart(7)).join(" ")} ${String(total(calls)).padStart(5)}`);
    // A key in use is asked about again every few seconds, outside the budget (docs/security.md#api-keys).
    const rowBound = bound + (byKey ? keyRefreshes : 0);
    if (total(calls) > rowBound) wrong.push(`${label}: ${total(calls)} Backend API calls ${JSON.stringify(calls)}, more than the bound ${rowBound}`);
    for (const [key, value] of Object.entries(report?.answers ?? {})) {
      answers.push(`${label}: ${key} ${value}`);
      if (/ 5\d\d$/.test(key)) wrong.push(`${label}: ${key} ${value}`);
    }
    if ((report?.errors ?? 0) > 0) wrong.push(`${label}: ${report!.errors} connection errors or timeouts`);
    // The next phase starts with a full budget, so each measures the same bound.
    if (client && client.mode !== "benign") await sleep((capacity / perSecond) * 1000);
  }
  console.log(
    `Backend API bound per row: ${bound} (the session or machine_token budget: ${capacity} at once + ${perSecond}/s for ${HOSTILE_SECONDS} s), ` +
      `plus ${keyRefreshes} verifications of the victim's own key in the API-key rows`,
  );
  console.log("the other client's answers, by kind and status:");
  for (const line of answers) console.log(`  ${line}`);
  if (!isRunning() || !(await fetch(`${stack.loadUrl}/api/health`).then((r) => r.ok, () => false))) wrong.push("the app crashed or stopped answering after the hostile clients");
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
