// `npm run bench`: how much the user look-up costs. Builds the app for the local Clerk into .next-bench,
// starts it on its own ports beside a local Clerk whose Backend API answers after 250 ms (like real
// Clerk's p50), and measures with autocannon, side by side: /api/admin (token check only), /api/me
// (token check + user look-up) and /api/health (no auth). Then a user.updated webhook round trip, and
// a real Chromium loading /dashboard (time to the profile on screen, first-load JS). Prints figures and
// whether the targets are met; asserts nothing. `-- --skip-build` reuses the last .next-bench build.
import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";

import { createClerkClient } from "@clerk/backend";
import { chromium, type Browser } from "@playwright/test";
import autocannon from "autocannon";

import type { RunningLocalClerk } from "clerk-local";
import { CHROMIUM_LAUNCH_OPTIONS } from "../test/chromium";
import { signInThroughUi, waitForSignedIn } from "../test/clerk-ui";
import { createLocalStack, type StackUser } from "./local-stack";

const DIST_DIR = ".next-bench";
const stack = createLocalStack({
  appPort: Number(process.env.BENCH_APP_PORT ?? 3200),
  clerkPort: Number(process.env.BENCH_CLERK_PORT ?? 4210),
  distDir: DIST_DIR,
  label: "bench",
});
const { cleanups, stopEverything, startClerk, build, startApp, controls, bapiCounts, setBapiLatency } = stack;
const USERS = 20;
const BAPI_LATENCY_MS = 250;
const CONNECTIONS = 10;
const ROUNDS = 3;
const ROUND_SECONDS = 5;
const WARMUP_SECONDS = 2;
const WARMUP_BURST = 5;
const TOKEN_SECONDS = 3600;
const LOOKUP_KEY = "GET /v1/users/:id";
const JWKS_KEY = "GET /v1/jwks";
const TARGET = { throughput: 0.9, p99: 1.25, lookups: USERS, firstLoadKb: 200 };

const APP_URL = stack.appUrl;
const LOAD_URL = stack.loadUrl;

type BenchUser = StackUser;
type Figures = { requests2xx: number; non2xx: number; errors: number; seconds: number; latencies: number[] };
type Endpoint = "/api/admin" | "/api/me" | "/api/health";

const log = (line = "") => console.log(line);
const ms = (value: number) => value.toFixed(1);
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

async function getMe(user: BenchUser): Promise<{ status: number; body: { id?: string; first_name?: string | null } }> {
  const response = await fetch(`${APP_URL}/api/me`, { headers: { Authorization: `Bearer ${user.token}` } });
  return { status: response.status, body: (await response.json()) as { id?: string; first_name?: string | null } };
}

// --- load ------------------------------------------------------------------------------------------------

function emptyFigures(): Figures {
  return { requests2xx: 0, non2xx: 0, errors: 0, seconds: 0, latencies: [] };
}

/** One autocannon run; every response time is kept so rounds combine into exact percentiles. */
function load(endpoint: Endpoint, users: BenchUser[], seconds: number, into: Figures): Promise<void> {
  const requests =
    endpoint === "/api/health"
      ? [{ method: "GET" as const, path: endpoint }]
      : // Each connection walks through the 20 users' tokens in turn.
        users.map((user) => ({ method: "GET" as const, path: endpoint, headers: { authorization: `Bearer ${user.token}` } }));
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: LOAD_URL, connections: CONNECTIONS, duration: seconds, requests },
      (error: unknown, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        into.errors += result.errors;
        into.seconds += result.duration;
        resolve();
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) {
        into.requests2xx += 1;
        into.latencies.push(responseTime);
      } else {
        into.non2xx += 1;
      }
    });
  });
}

function percentile(sorted: number[], quantile: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(quantile * sorted.length) - 1))]!;
}

function summary(figures: Figures) {
  const sorted = [...figures.latencies].sort((a, b) => a - b);
  return {
    rps: figures.requests2xx / figures.seconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    ...figures,
  };
}

// --- browser -----------------------------------------------------------------------------------------------

/**
 * Records (performance.now(), i.e. ms since navigation start) when the profile shows the user's id.
 * A string, not a function: tsx's transform can add helpers to a function that the page lacks.
 */
function watchForProfile(userId: string): string {
  return `(() => {
    const userId = ${JSON.stringify(userId)};
    const record = () => {
      if (window.__profileVisibleAt !== undefined) return;
      const region = [...document.querySelectorAll("section")].find(
        (section) => section.querySelector("h2")?.textContent?.trim() === "Your profile",
      );
      if (region?.querySelector('[data-field="id"]')?.textContent?.trim() === userId) {
        window.__profileVisibleAt = performance.now();
      }
    };
    new MutationObserver(record).observe(document, { childList: true, subtree: true, characterData: true });
  })();`;
}

type BrowserFigures = {
  coldMs: number;
  warmMs: number[];
  appJs: { url: string; raw: number; gzip: number }[];
  clerkJsGzip: number;
};

async function measureBrowser(clerk: RunningLocalClerk, user: BenchUser): Promise<BrowserFigures> {
  const browser: Browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  cleanups.push(() => browser.close());

  // Sign in once through Clerk's own form, then keep only the cookies and storage.
  const signInContext = await browser.newContext({ baseURL: APP_URL });
  const signInPage = await signInContext.newPage();
  await signInPage.goto("/sign-in");
  await signInThroughUi(signInPage, user.email, user.password);
  await waitForSignedIn(signInPage);
  await signInPage.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  const storageState = await signInContext.storageState();
  await signInContext.close();

  // A fresh context holding that session: nothing in the HTTP cache, as on a first visit.
  const context = await browser.newContext({ baseURL: APP_URL, storageState });
  await context.addInitScript({ content: watchForProfile(user.id) });
  const page = await context.newPage();

  const visibleAfterNavigation = async (): Promise<number> => {
    await page.goto("/dashboard");
    try {
      const handle = await page.waitForFunction(
        () => (window as unknown as { __profileVisibleAt?: number }).__profileVisibleAt,
        undefined,
        { timeout: 30_000 },
      );
      return (await handle.jsonValue()) as number;
    } catch (error) {
      const shown = await page.locator("body").innerText({ timeout: 2_000 }).catch(() => "(nothing)");
      throw new Error(`the profile never showed on ${page.url()}; the page said:\n${shown.slice(0, 1500)}`, { cause: error });
    }
  };

  const coldMs = await visibleAfterNavigation();
  // Every script the page loaded up to the profile showing: the app's (/_next/static) and Clerk's.
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((entry) => entry.name)
      .filter((name) => /\.m?js(\?|$)/.test(new URL(name).pathname)),
  );
  const appOrigin = new URL(APP_URL).origin;
  const appScripts = scripts.filter((url) => url.startsWith(`${appOrigin}/_next/static/`));
  const clerkScripts = scripts.filter((url) => url.startsWith(clerk.url));
  const gzipSize = async (url: string) => {
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    return { url, raw: body.length, gzip: gzipSync(body).length };
  };
  const appJs = await Promise.all([...new Set(appScripts)].map(gzipSize));
  const clerkJs = await Promise.all([...new Set(clerkScripts)].map(gzipSize));

  const warmMs: number[] = [];
  for (let visit = 0; visit < 5; visit += 1) warmMs.push(await visibleAfterNavigation());
  await context.close();
  return { coldMs, warmMs, appJs, clerkJsGzip: clerkJs.reduce((sum, file) => sum + file.gzip, 0) };
}

// --- main --------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const skipBuild = process.argv.includes("--skip-build");
  const clerk = await startClerk();
  await build(clerk, skipBuild);
  await startApp(clerk);
  log(`App ${APP_URL} (next start, ${DIST_DIR}), local Clerk ${clerk.url}; ${USERS} users, tokens valid ${TOKEN_SECONDS} s.`);

  // Admins, so /api/admin answers its 200 (the role check itself is part of what is measured).
  const users = await stack.createUsers(clerk, USERS, TOKEN_SECONDS, "admin");
  await setBapiLatency(clerk, BAPI_LATENCY_MS);
  const atStart = await bapiCounts(clerk);

  // Warm-up, cold: every user's /api/me requested WARMUP_BURST times at once while Clerk takes 250 ms,
  // so the requests for a user overlap. They should share one look-up, which fills the cache: the
  // only look-ups this run should need.
  const warmupStarted = performance.now();
  await Promise.all(
    users.flatMap((user) =>
      Array.from({ length: WARMUP_BURST }, async () => {
        const { status, body } = await getMe(user);
        if (status !== 200 || body.id !== user.id) throw new Error(`warm-up /api/me for ${user.id}: HTTP ${status}`);
      }),
    ),
  );
  const warmupMs = performance.now() - warmupStarted;
  const afterWarmup = await bapiCounts(clerk);

  log(`Backend API latency ${BAPI_LATENCY_MS} ms. JIT warm-up (${WARMUP_SECONDS} s per endpoint, not counted)...`);
  await load("/api/admin", users, WARMUP_SECONDS, emptyFigures());
  await load("/api/me", users, WARMUP_SECONDS, emptyFigures());
  const beforeMeasure = await bapiCounts(clerk);

  const figures: Record<Endpoint, Figures> = {
    "/api/admin": emptyFigures(),
    "/api/me": emptyFigures(),
    "/api/health": emptyFigures(),
  };
  const perRound: string[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    // Alternate which endpoint goes first, so drift (heat, other work on the machine) evens out.
    const order: Endpoint[] = round % 2 === 1 ? ["/api/admin", "/api/me"] : ["/api/me", "/api/admin"];
    const line: string[] = [];
    for (const endpoint of order) {
      const roundFigures = emptyFigures();
      await load(endpoint, users, ROUND_SECONDS, roundFigures);
      const target = figures[endpoint];
      target.requests2xx += roundFigures.requests2xx;
      target.non2xx += roundFigures.non2xx;
      target.errors += roundFigures.errors;
      target.seconds += roundFigures.seconds;
      target.latencies.push(...roundFigures.latencies);
      line.push(`${endpoint} ${(roundFigures.requests2xx / roundFigures.seconds).toFixed(0)} req/s`);
    }
    perRound.push(`  round ${round}: ${line.join(", ")}`);
  }
  const afterMeasure = await bapiCounts(clerk);
  await load("/api/health", users, ROUND_SECONDS, figures["/api/health"]);

  // Webhook round trip: change a user in Clerk, wait for /api/me to show it.
  const changed = users[1]!;
  const newFirstName = `Renamed${randomUUID().slice(0, 6)}`;
  const backend = createClerkClient({ secretKey: clerk.appEnv.CLERK_SECRET_KEY!, apiUrl: clerk.url });
  const beforeWebhook = await bapiCounts(clerk);
  const updateSent = performance.now();
  await backend.users.updateUser(changed.id, { firstName: newFirstName });
  const updateDone = performance.now();
  let seenAt: number | null = null;
  let staleAnswers = 0;
  while (performance.now() - updateDone < 10_000) {
    const { body } = await getMe(changed);
    if (body.first_name === newFirstName) {
      seenAt = performance.now();
      break;
    }
    staleAnswers += 1;
    await sleep(25);
  }
  const afterWebhook = await bapiCounts(clerk);
  const deliveries = await controls(clerk).webhooks();
  const delivery = deliveries.deliveries.filter((d) => d.type === "user.updated" && d.user_id === changed.id).at(-1);

  log("Browser: signing in and loading /dashboard...");
  const browserFigures = await measureBrowser(clerk, users[0]!);
  const afterBrowser = await bapiCounts(clerk);

  // --- report ---
  const count = (counts: Record<string, number>, key: string) => counts[key] ?? 0;
  const lookups = (from: Record<string, number>, to: Record<string, number>) => count(to, LOOKUP_KEY) - count(from, LOOKUP_KEY);
  const admin = summary(figures["/api/admin"]);
  const me = summary(figures["/api/me"]);
  const health = summary(figures["/api/health"]);
  const warmupLookups = lookups(atStart, afterWarmup);
  const jitLookups = lookups(afterWarmup, beforeMeasure);
  const measureLookups = lookups(beforeMeasure, afterMeasure);
  const runLookups = warmupLookups + jitLookups + measureLookups;
  const jwksFetches = count(afterBrowser, JWKS_KEY);

  log();
  log(`Load: autocannon, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds x ${ROUND_SECONDS} s per endpoint,`);
  log(`tokens of ${USERS} users in turn; Backend API latency ${BAPI_LATENCY_MS} ms; /api/health ${ROUND_SECONDS} s, no token.`);
  log(perRound.join("\n"));
  log();
  const header = ["endpoint", "req/s", "p50 ms", "p99 ms", "2xx", "non-2xx", "errors"];
  const rows = [
    ["/api/admin", admin],
    ["/api/me", me],
    ["/api/health", health],
  ] as const;
  const table = [
    header,
    ...rows.map(([name, s]) => [name, s.rps.toFixed(0), ms(s.p50), ms(s.p99), String(s.requests2xx), String(s.non2xx), String(s.errors)]),
  ];
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  for (const row of table) log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  "));
  log();
  const throughputRatio = me.rps / admin.rps;
  const p99Ratio = me.p99 / admin.p99;
  log(`/api/me / /api/admin: throughput ${throughputRatio.toFixed(2)}, p99 ${p99Ratio.toFixed(2)}`);
  log(`/api/admin / /api/health: throughput ${(admin.rps / health.rps).toFixed(2)}, p99 ${(admin.p99 / health.p99).toFixed(2)}`);
  log(
    `Backend API user look-ups (${LOOKUP_KEY}): cold warm-up ${warmupLookups} for ${USERS * WARMUP_BURST} concurrent ` +
      `requests (${WARMUP_BURST} per user, ${ms(warmupMs)} ms in all), JIT warm-up ${jitLookups}, ` +
      `measured rounds ${measureLookups} for ${me.requests2xx} /api/me requests (${(measureLookups / Math.max(1, me.requests2xx)).toFixed(4)} per request)`,
  );
  log(`JWKS fetches by the app (${JWKS_KEY}): ${jwksFetches} (tokens are verified with CLERK_JWT_KEY, no network)`);
  log();
  const updateMs = updateDone - updateSent;
  if (seenAt === null) {
    log(`user.updated webhook: /api/me still showed the old first name 10 s after the update (${staleAnswers} answers)`);
  } else {
    log(
      `user.updated webhook: new first name in /api/me ${ms(seenAt - updateDone)} ms after the Backend API update returned ` +
        `(update itself ${ms(updateMs)} ms; ${staleAnswers} stale answers before; ${lookups(beforeWebhook, afterWebhook)} look-up(s))`,
    );
  }
  log(
    `  delivery: ${delivery ? `${delivery.status}, ${delivery.attempts} attempt(s), app answered ${delivery.last_response_status}` : "none recorded"}`,
  );
  log();
  const warm = [...browserFigures.warmMs].sort((a, b) => a - b);
  log(
    `Chromium, /dashboard navigation -> UserData visible: first visit (empty cache) ${ms(browserFigures.coldMs)} ms, ` +
      `repeat visits median ${ms(percentile(warm, 0.5))} ms (${warm.map(ms).join(", ")})`,
  );
  const appGzip = browserFigures.appJs.reduce((sum, file) => sum + file.gzip, 0);
  const appRaw = browserFigures.appJs.reduce((sum, file) => sum + file.raw, 0);
  log(
    `First-load JS of /dashboard shipped by the app: ${(appGzip / 1024).toFixed(1)} KB gzip (${(appRaw / 1024).toFixed(1)} KB raw) ` +
      `in ${browserFigures.appJs.length} /_next/static files: React, the Next.js client runtime, Clerk's React ` +
      `bindings (@clerk/nextjs, @clerk/react), zod/mini and the app's own components. Not counted: Clerk's own scripts (clerk-js, Clerk UI) fetched from the local Clerk by then, ` +
      `${(browserFigures.clerkJsGzip / 1024).toFixed(1)} KB gzip.`,
  );
  for (const file of [...browserFigures.appJs].sort((a, b) => b.gzip - a.gzip)) {
    log(`  ${(file.gzip / 1024).toFixed(1).padStart(6)} KB gzip  ${new URL(file.url).pathname}`);
  }
  log();
  const mark = (met: boolean) => (met ? "met" : "NOT met");
  log("Targets:");
  log(`  /api/me throughput >= ${TARGET.throughput} x /api/admin: ${throughputRatio.toFixed(2)} -> ${mark(throughputRatio >= TARGET.throughput)}`);
  log(`  /api/me p99 <= ${TARGET.p99} x /api/admin p99: ${p99Ratio.toFixed(2)} -> ${mark(p99Ratio <= TARGET.p99)}`);
  log(`  Backend API look-ups in the run <= ${TARGET.lookups} (1 per user per TTL): ${runLookups} -> ${mark(runLookups <= TARGET.lookups)}`);
  log(`  next /api/me after a user.updated webhook has the new data: ${seenAt === null ? "NOT met" : "met"}`);
  log(`  first-load JS of /dashboard < ${TARGET.firstLoadKb} KB gzip: ${(appGzip / 1024).toFixed(1)} KB -> ${mark(appGzip / 1024 < TARGET.firstLoadKb)}`);
}

let exitCode = 0;
const interrupt = () => {
  void stopEverything().then(() => process.exit(130));
};
process.once("SIGINT", interrupt);
process.once("SIGTERM", interrupt);
try {
  await main();
} catch (error) {
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  exitCode = 1;
} finally {
  await stopEverything();
}
process.exit(exitCode);
