// `npm run load`: 50 connections for 30 s against the production build wired to the local Clerk, which
// fails 10 % of its Backend API requests. The mix: valid tokens of 20 users on /api/me (half of them not
// cached yet), /api/admin by admins and by members, expired and forged tokens. It counts the answers by
// status and the wrong ones: any 5xx other than the injected faults' 503/504, a 200 whose id is not the
// token's user, a member, forged or expired token let in, a crash. Exits 1 when anything was wrong;
// asserts no timing.
import { generateKeyPair, SignJWT } from "jose";
import autocannon from "autocannon";

import { createLocalStack } from "./local-stack";

const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const USERS = 20;
const FAULT = { status: 500, rate: 0.1 } as const;

const stack = createLocalStack({
  appPort: Number(process.env.LOAD_APP_PORT ?? 3300),
  clerkPort: Number(process.env.LOAD_CLERK_PORT ?? 4310),
  distDir: ".next-load",
  label: "load",
});

type Kind = "me (valid)" | "admin (valid)" | "admin (member)" | "me (expired)" | "me (forged)" | "admin (forged)";
const counts = new Map<string, number>();
const wrong: string[] = [];
const count = (kind: Kind, status: number) => counts.set(`${kind} ${status}`, (counts.get(`${kind} ${status}`) ?? 0) + 1);
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

function judge(kind: Kind, status: number, body: string, expectedId: string | null): void {
  count(kind, status);
  if (status >= 500 && status !== 503 && status !== 504) wrong.push(`${kind}: ${status} ${body.slice(0, 120)}`);
  if (status === 200 && (expectedId === null || kind === "admin (member)")) wrong.push(`${kind}: let in (200)`);
  if (status === 200 && expectedId !== null && kind === "me (valid)") {
    const id = (JSON.parse(body) as { id?: string }).id;
    if (id !== expectedId) wrong.push(`${kind}: 200 for ${id}, token of ${expectedId}`);
  }
}

async function main(): Promise<number> {
  const clerk = await stack.startClerk();
  await stack.build(clerk, process.argv.includes("--skip-build"));
  const isRunning = await stack.startApp(clerk);
  const users = await stack.createUsers(clerk, USERS, 3600, "admin");
  const members = await stack.createUsers(clerk, 2, 3600, "member");
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
    ...(index % 4 === 2 ? [request("admin (member)", "/api/admin", members[index % 2]!.token, members[index % 2]!.id)] : []),
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
  console.log(`wrong answers: ${wrong.length}`);
  for (const line of wrong.slice(0, 20)) console.log(`  ${line}`);
  return wrong.length === 0 ? 0 : 1;
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
