// `npm run bench`: how much the user look-up and API keys cost. Builds the app for the local Clerk into
// .next-bench, starts it on its own ports beside a local Clerk whose Backend API answers after 250 ms
// (like real Clerk's p50), and measures with autocannon, side by side: /api/admin (token check only),
// /api/me (token check + user look-up), /api/me with an API key (cached verification + look-up) and
// /api/health (no auth). Then what a flood of made-up API keys costs Clerk and session users, a
// user.updated webhook round trip, and a real Chromium on /dashboard: time to data (the name and the
// admin value on screen) on reload and after signing in, server-rendered beside the client-only path,
// and the first-load JS. Prints figures and whether the targets are met; asserts nothing.
// `-- --skip-build` reuses the last .next-bench build.
import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";

import { createClerkClient } from "@clerk/backend";
import { chromium, type Browser, type Page } from "@playwright/test";
import autocannon from "autocannon";

import type { RunningLocalClerk } from "clerk-local";
import { API_KEY_CACHE_SECONDS, API_KEY_REFRESH_AFTER_SECONDS } from "../lib/api-keys";
import { budgetBound, budgetSettings } from "../lib/backend-api-limits";
import { CLIENT_ONLY_DASHBOARD_PATH, DASHBOARD_PATH, SIGN_IN_PATH } from "../lib/routes";
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
const { cleanups, stopEverything, startClerk, build, startApp, controls, bapiCounts, setBapiLatency, runLoadClient } = stack;
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
const VERIFY_KEY = "POST /v1/api_keys/verify";
const FLOOD_CONNECTIONS = 10;
const FLOOD_SECONDS = 5;
/** The flood client's process takes a moment to start: it runs this much longer than what is measured beside it. */
const FLOOD_LEAD_SECONDS = 3;
const TARGET = { throughput: 0.9, p99: 1.25, lookups: USERS, firstLoadKb: 200, dataToDomContentLoaded: 1.3, apiKeyThroughput: 0.8 };

const APP_URL = stack.appUrl;
const LOAD_URL = stack.loadUrl;

type BenchUser = StackUser & { key: string };
type Figures = { requests2xx: number; non2xx: number; errors: number; seconds: number; latencies: number[] };
type Endpoint = "/api/admin" | "/api/me" | "/api/me (API key)" | "/api/health";

const log = (line = "") => console.log(line);
const ms = (value: number) => value.toFixed(1);
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

/**
 * Uses each new key once, one after another, waiting out the 429s: a key never seen valid spends the
 * proxy's machine_token budget, which admits a few new keys at once and then one every few seconds.
 */
async function admitKeys(users: BenchUser[]): Promise<{ seconds: number; refused: number }> {
  const started = performance.now();
  let refused = 0;
  for (const user of users) {
    for (;;) {
      const response = await fetch(`${APP_URL}/api/me`, { headers: { Authorization: `Bearer ${user.key}` } });
      if (response.status === 200) break;
      if (response.status !== 429) throw new Error(`admitting ${user.id}'s key: HTTP ${response.status}`);
      refused += 1;
      await sleep(Number(response.headers.get("retry-after") ?? 1) * 1000);
    }
  }
  return { seconds: (performance.now() - started) / 1000, refused };
}

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
      : endpoint === "/api/me (API key)"
        ? users.map((user) => ({ method: "GET" as const, path: "/api/me", headers: { authorization: `Bearer ${user.key}` } }))
        : // Each connection walks through the users' tokens in turn.
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

// --- browser: time to data ---------------------------------------------------------------------------------

/** Runs per path and scenario; the figures are their medians. */
const BROWSER_RUNS = 7;
const ADMIN_VALUE = "Important stuff";
/** The dashboard as it renders, and the client-only path: no server data, the panels fetch it in the browser. */
const DASHBOARD_PATHS = { server: DASHBOARD_PATH, client: CLIENT_ONLY_DASHBOARD_PATH } as const;
type DashboardPath = keyof typeof DASHBOARD_PATHS;
const PATH_LABELS: Record<DashboardPath, string> = {
  server: `server-rendered (${DASHBOARD_PATHS.server})`,
  client: `client-only (${DASHBOARD_PATHS.client})`,
};

/**
 * Records, as epoch ms, when the profile's first name and the admin value first appear in the document
 * (while it is parsed, or later), and when Continue is pressed on sign-in's password step. A string, not
 * a function: tsx's transform can add helpers to a function that the page lacks.
 */
function watchForData(firstName: string): string {
  return `(() => {
    const now = () => performance.timeOrigin + performance.now();
    const seen = (window.__timeToData = {});
    // React streams a late part into a hidden element and moves it in place later: only what is shown counts.
    const text = (selector) => [...document.querySelectorAll(selector)].find((element) => !element.closest("[hidden]"))?.textContent?.trim();
    const record = () => {
      if (seen.name === undefined && text('section[aria-labelledby="profile-heading"] [data-field="first_name"]') === ${JSON.stringify(firstName)}) seen.name = now();
      if (seen.admin === undefined && text('section[aria-labelledby="admin-heading"] [data-field="admin_value"]') === ${JSON.stringify(ADMIN_VALUE)}) seen.admin = now();
    };
    new MutationObserver(record).observe(document, { childList: true, subtree: true, characterData: true });
    document.addEventListener("DOMContentLoaded", record);
    document.addEventListener("click", (event) => {
      const passwordStep = document.querySelector('input[name=password]:not([tabindex="-1"])');
      if (passwordStep && event.target instanceof Element && event.target.closest(".cl-formButtonPrimary")) {
        sessionStorage.setItem("__continueAt", String(now()));
      }
    }, true);
  })();`;
}

type DataSeen = { name: number; admin: number };
/** One visit's figures in ms: from navigation start on reload, from pressing Continue after sign-in. */
type Visit = { name: number; admin: number; domContentLoaded: number | null; clientNavigation: boolean };

async function waitForData(page: Page): Promise<DataSeen> {
  try {
    const handle = await page.waitForFunction(
      () => {
        const seen = (window as unknown as { __timeToData?: Partial<DataSeen> }).__timeToData;
        return seen?.name !== undefined && seen.admin !== undefined ? seen : undefined;
      },
      undefined,
      { timeout: 30_000 },
    );
    return (await handle.jsonValue()) as DataSeen;
  } catch (error) {
    const shown = await page.locator("body").innerText({ timeout: 2_000 }).catch(() => "(nothing)");
    throw new Error(`the dashboard's data never showed on ${page.url()}; the page said:\n${shown.slice(0, 1500)}`, { cause: error });
  }
}

/** The document's own timings: when it started (epoch ms), its DOMContentLoaded, and which URL it loaded. */
async function documentTimings(page: Page): Promise<{ timeOrigin: number; domContentLoaded: number; url: string }> {
  return page.evaluate(() => {
    const entry = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    return { timeOrigin: performance.timeOrigin, domContentLoaded: entry.domContentLoadedEventStart, url: entry.name };
  });
}

/** The dashboard reloaded by someone signed in: data and DOMContentLoaded since navigation start. */
async function reloadVisit(page: Page): Promise<Visit> {
  await page.reload();
  const seen = await waitForData(page);
  const { timeOrigin, domContentLoaded } = await documentTimings(page);
  return { name: seen.name - timeOrigin, admin: seen.admin - timeOrigin, domContentLoaded, clientNavigation: false };
}

/** Signing in on the sign-in page that leads to the dashboard: data since Continue was pressed. */
async function signInVisit(browser: Browser, user: StackUser, path: DashboardPath): Promise<Visit> {
  const context = await browser.newContext({ baseURL: APP_URL });
  try {
    await context.addInitScript({ content: watchForData(user.firstName) });
    const page = await context.newPage();
    await page.goto(`${SIGN_IN_PATH}?redirect_url=${encodeURIComponent(DASHBOARD_PATHS[path])}`);
    await signInThroughUi(page, user.email, user.password);
    const seen = await waitForData(page);
    const continueAt = Number(await page.evaluate(() => sessionStorage.getItem("__continueAt")));
    const { timeOrigin, domContentLoaded, url } = await documentTimings(page);
    const clientNavigation = new URL(url).pathname !== DASHBOARD_PATH;
    return {
      name: seen.name - continueAt,
      admin: seen.admin - continueAt,
      domContentLoaded: clientNavigation ? null : timeOrigin + domContentLoaded - continueAt,
      clientNavigation,
    };
  } finally {
    await context.close();
  }
}

type BrowserFigures = {
  reload: Record<DashboardPath, Visit[]>;
  signIn: Record<DashboardPath, Visit[]>;
  appJs: { url: string; raw: number; gzip: number }[];
  clerkJsGzip: number;
};

/** Both paths in turn, the one that goes first alternating, so drift on a busy machine evens out. */
function alternating(run: number): DashboardPath[] {
  return run % 2 === 0 ? ["server", "client"] : ["client", "server"];
}

async function measureBrowser(clerk: RunningLocalClerk, user: StackUser, newUsers: StackUser[]): Promise<BrowserFigures> {
  const browser: Browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  cleanups.push(() => browser.close());

  // Sign in once through Clerk's own form, then keep only the cookies and storage.
  const signInContext = await browser.newContext({ baseURL: APP_URL });
  const signInPage = await signInContext.newPage();
  await signInPage.goto(SIGN_IN_PATH);
  await signInThroughUi(signInPage, user.email, user.password);
  await waitForSignedIn(signInPage);
  await signInPage.waitForURL((url) => !url.pathname.startsWith(SIGN_IN_PATH));
  const storageState = await signInContext.storageState();
  await signInContext.close();

  // A page per path, each in a fresh context holding that session: its first visit has nothing in the
  // HTTP cache; the reloads after it are what is measured.
  const pages = {} as Record<DashboardPath, Page>;
  for (const path of ["server", "client"] as const) {
    const context = await browser.newContext({ baseURL: APP_URL, storageState });
    cleanups.push(() => context.close());
    await context.addInitScript({ content: watchForData(user.firstName) });
    pages[path] = await context.newPage();
    await pages[path].goto(DASHBOARD_PATHS[path]);
    await waitForData(pages[path]);
  }

  // Every script the server-rendered dashboard loaded on its first visit: the app's (/_next/static) and Clerk's.
  const scripts = await pages.server.evaluate(() =>
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

  const reload: BrowserFigures["reload"] = { server: [], client: [] };
  for (const path of ["server", "client"] as const) await reloadVisit(pages[path]); // warm-up, not counted
  for (let run = 0; run < BROWSER_RUNS; run += 1) {
    for (const path of alternating(run)) reload[path].push(await reloadVisit(pages[path]));
  }

  // Each sign-in a user the app has never looked up: their first visit finds the cache cold.
  const signIn: BrowserFigures["signIn"] = { server: [], client: [] };
  const [warmUpUser, ...signInUsers] = newUsers;
  await signInVisit(browser, warmUpUser!, "server"); // warm-up, not counted
  for (let run = 0; run < BROWSER_RUNS; run += 1) {
    for (const path of alternating(run)) signIn[path].push(await signInVisit(browser, signInUsers.pop()!, path));
  }
  return { reload, signIn, appJs, clerkJsGzip: clerkJs.reduce((sum, file) => sum + file.gzip, 0) };
}

function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 0.5);
}

/** Data on screen: both the name and the admin value. */
const bothShown = (visit: Visit) => Math.max(visit.name, visit.admin);

/** Prints the time-to-data table; answers the server-rendered path's ratio of data to DOMContentLoaded on reload. */
function reportTimeToData(figures: BrowserFigures): number {
  const row = (cells: string[]) => log(`  ${cells[0]!.padEnd(42)}${cells.slice(1).map((cell) => cell.padStart(11)).join("")}`);
  log(`Time to data on ${DASHBOARD_PATH}, Chromium, medians of ${BROWSER_RUNS} runs per path, the paths in turn:`);
  log("reload, signed in (ms since navigation start; data = the name and the admin value both shown):");
  row(["path", "DCL", "name", "admin", "data", "data/DCL"]);
  const ratios = {} as Record<DashboardPath, number>;
  for (const path of ["server", "client"] as const) {
    const visits = figures.reload[path];
    const domContentLoaded = median(visits.map((visit) => visit.domContentLoaded ?? Number.NaN));
    const data = median(visits.map(bothShown));
    ratios[path] = data / domContentLoaded;
    row([PATH_LABELS[path], ms(domContentLoaded), ms(median(visits.map((v) => v.name))), ms(median(visits.map((v) => v.admin))), ms(data), ratios[path].toFixed(2)]);
  }
  log(`  data: server-rendered / client-only ${(median(figures.reload.server.map(bothShown)) / median(figures.reload.client.map(bothShown))).toFixed(2)}`);
  log("first visit after signing in (ms after pressing Continue on the password step; each run a new user, so a cold cache):");
  row(["path", "DCL", "name", "admin", "data", "reached by"]);
  for (const path of ["server", "client"] as const) {
    const visits = figures.signIn[path];
    const loads = visits.filter((visit) => !visit.clientNavigation);
    const domContentLoaded = loads.length === visits.length ? ms(median(loads.map((visit) => visit.domContentLoaded!))) : "-";
    const reachedBy = loads.length === 0 ? "router" : loads.length === visits.length ? "document" : `${loads.length} document`;
    row([PATH_LABELS[path], domContentLoaded, ms(median(visits.map((v) => v.name))), ms(median(visits.map((v) => v.admin))), ms(median(visits.map(bothShown))), reachedBy]);
  }
  log(`  data: server-rendered / client-only ${(median(figures.signIn.server.map(bothShown)) / median(figures.signIn.client.map(bothShown))).toFixed(2)}`);
  log();
  return ratios.server;
}

// --- main --------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const skipBuild = process.argv.includes("--skip-build");
  const clerk = await startClerk();
  await build(clerk, skipBuild);
  await startApp(clerk);
  log(`App ${APP_URL} (next start, ${DIST_DIR}), local Clerk ${clerk.url}; ${USERS} users, tokens valid ${TOKEN_SECONDS} s.`);

  // Admins, so /api/admin answers its 200 (the role check itself is part of what is measured); each
  // with an API key as well, for /api/me by key.
  const admins = await stack.createUsers(clerk, USERS, TOKEN_SECONDS, "admin");
  const keys = await stack.createApiKeys(clerk, admins);
  const users: BenchUser[] = admins.map((user, index) => ({ ...user, key: keys[index]!.secret }));
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

  log(`Admitting ${USERS} new API keys, one after another...`);
  const admitted = await admitKeys(users);

  log(`Backend API latency ${BAPI_LATENCY_MS} ms. JIT warm-up (${WARMUP_SECONDS} s per endpoint, not counted)...`);
  await load("/api/admin", users, WARMUP_SECONDS, emptyFigures());
  await load("/api/me", users, WARMUP_SECONDS, emptyFigures());
  await load("/api/me (API key)", users, WARMUP_SECONDS, emptyFigures());
  const beforeMeasure = await bapiCounts(clerk);

  const figures: Record<Endpoint, Figures> = {
    "/api/admin": emptyFigures(),
    "/api/me": emptyFigures(),
    "/api/me (API key)": emptyFigures(),
    "/api/health": emptyFigures(),
  };
  const measured: Endpoint[] = ["/api/admin", "/api/me", "/api/me (API key)"];
  const perRound: string[] = [];
  let keyVerifications = 0;
  for (let round = 1; round <= ROUNDS; round += 1) {
    // Rotate which endpoint goes first, so drift (heat, other work on the machine) evens out.
    const order = [...measured.slice(round % measured.length), ...measured.slice(0, round % measured.length)];
    const line: string[] = [];
    for (const endpoint of order) {
      const roundFigures = emptyFigures();
      // The other rounds outlast the keys' TTL: one unmeasured request per key asks Clerk about them again,
      // so the round measures keys in use (an idle key's first request is measured below). Without it
      // autocannon's connections, which walk the keys in the same order, would queue on each cold key.
      if (endpoint === "/api/me (API key)") await Promise.all(users.map(async (user) => (await fetch(`${APP_URL}/api/me`, { headers: { Authorization: `Bearer ${user.key}` } })).text()));
      const before = await bapiCounts(clerk);
      await load(endpoint, users, ROUND_SECONDS, roundFigures);
      if (endpoint === "/api/me (API key)") keyVerifications += ((await bapiCounts(clerk))[VERIFY_KEY] ?? 0) - (before[VERIFY_KEY] ?? 0);
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

  // A flood of made-up API keys from another process, beside session-token users of /api/me.
  log(`API key flood: ${FLOOD_CONNECTIONS} connections of random well-formed keys on /api/me and /api/admin...`);
  const sessionAlone = emptyFigures();
  await load("/api/me", users, FLOOD_SECONDS, sessionAlone);
  const flood = runLoadClient("api-keys", FLOOD_CONNECTIONS, FLOOD_SECONDS + FLOOD_LEAD_SECONDS);
  await sleep(FLOOD_LEAD_SECONDS * 1000);
  const beforeFlood = await bapiCounts(clerk);
  const floodStarted = performance.now();
  const sessionBesideFlood = emptyFigures();
  await load("/api/me", users, FLOOD_SECONDS, sessionBesideFlood);
  const floodSeconds = (performance.now() - floodStarted) / 1000;
  const afterFlood = await bapiCounts(clerk);
  const floodReport = await flood;
  // The same number of connections of plain /api/health: what any traffic of that rate costs the machine.
  const benign = runLoadClient("benign", FLOOD_CONNECTIONS, FLOOD_SECONDS + FLOOD_LEAD_SECONDS);
  await sleep(FLOOD_LEAD_SECONDS * 1000);
  const sessionBesideBenign = emptyFigures();
  await load("/api/me", users, FLOOD_SECONDS, sessionBesideBenign);
  const benignReport = await benign;

  // A key idle for longer than its TTL: its next request waits for Clerk once.
  await sleep((API_KEY_CACHE_SECONDS + 1) * 1000);
  const idleKeyMs: number[] = [];
  for (const user of users.slice(0, 5)) {
    const started = performance.now();
    const response = await fetch(`${APP_URL}/api/me`, { headers: { Authorization: `Bearer ${user.key}` } });
    if (response.status !== 200) throw new Error(`idle key of ${user.id}: HTTP ${response.status}`);
    idleKeyMs.push(performance.now() - started);
  }

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

  log("Browser: signing in, reloading /dashboard and signing in anew, both paths in turn...");
  // New users for the sign-ins, looked up by nobody yet; admins, so the admin panel has its value to show.
  const signInUsers = await stack.createUsers(clerk, 2 * BROWSER_RUNS + 1, TOKEN_SECONDS, "admin");
  const browserFigures = await measureBrowser(clerk, users[0]!, signInUsers);
  const afterBrowser = await bapiCounts(clerk);

  // --- report ---
  const count = (counts: Record<string, number>, key: string) => counts[key] ?? 0;
  const lookups = (from: Record<string, number>, to: Record<string, number>) => count(to, LOOKUP_KEY) - count(from, LOOKUP_KEY);
  const admin = summary(figures["/api/admin"]);
  const me = summary(figures["/api/me"]);
  const meByKey = summary(figures["/api/me (API key)"]);
  const health = summary(figures["/api/health"]);
  const warmupLookups = lookups(atStart, afterWarmup);
  const jitLookups = lookups(afterWarmup, beforeMeasure);
  const measureLookups = lookups(beforeMeasure, afterMeasure);
  const runLookups = warmupLookups + jitLookups + measureLookups;
  const jwksFetches = count(afterBrowser, JWKS_KEY);

  log();
  log(`Load: autocannon, ${CONNECTIONS} connections, ${ROUNDS} rotating rounds x ${ROUND_SECONDS} s per endpoint,`);
  log(`tokens (or API keys) of ${USERS} users in turn; Backend API latency ${BAPI_LATENCY_MS} ms; /api/health ${ROUND_SECONDS} s, no token.`);
  log(perRound.join("\n"));
  log();
  const header = ["endpoint", "req/s", "p50 ms", "p99 ms", "2xx", "non-2xx", "errors"];
  const rows = [
    ["/api/admin", admin],
    ["/api/me", me],
    ["/api/me (API key)", meByKey],
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
  const keyRatio = meByKey.rps / me.rps;
  const keySeconds = figures["/api/me (API key)"].seconds;
  const keyWindows = keySeconds / API_KEY_CACHE_SECONDS;
  const perKeyPerWindow = keyVerifications / USERS / keyWindows;
  log(
    `${USERS} new API keys admitted, one after another, in ${admitted.seconds.toFixed(1)} s (${admitted.refused} answers 429 waited out): ` +
      `a key never seen valid spends the machine_token budget`,
  );
  log(`/api/me with an API key / with a session token: throughput ${keyRatio.toFixed(2)}, p99 ${ms(meByKey.p99)} ms vs ${ms(me.p99)} ms`);
  log(
    `  a key idle for more than ${API_KEY_CACHE_SECONDS} s: its next /api/me waits for Clerk, median ${ms(median(idleKeyMs))} ms ` +
      `(${idleKeyMs.map(ms).join(", ")}) with the Backend API at ${BAPI_LATENCY_MS} ms`,
  );
  log(
    `Backend API key verifications (${VERIFY_KEY}) in the measured API-key rounds: ${keyVerifications} for ${USERS} keys over ${keySeconds.toFixed(0)} s ` +
      `= ${perKeyPerWindow.toFixed(2)} per key per ${API_KEY_CACHE_SECONDS} s cache window (a key in use is asked again from ${API_KEY_REFRESH_AFTER_SECONDS} s, in the background)`,
  );
  const { capacity, perSecond } = budgetSettings("development");
  const floodCalls = (afterFlood[VERIFY_KEY] ?? 0) - (beforeFlood[VERIFY_KEY] ?? 0);
  const floodBound = budgetBound("development", floodSeconds);
  const alone = summary(sessionAlone);
  const beside = summary(sessionBesideFlood);
  log(
    `API key flood (${FLOOD_CONNECTIONS} connections, ${floodReport.sent} requests over ${FLOOD_SECONDS + FLOOD_LEAD_SECONDS} s, answers ${JSON.stringify(floodReport.answers)}):`,
  );
  log(
    `  Clerk verifications while measured: ${floodCalls} in ${floodSeconds.toFixed(1)} s = ${(floodCalls / floodSeconds).toFixed(2)}/s ` +
      `(bound: the machine_token budget, ${capacity} at once + ${perSecond}/s = ${floodBound} here, development instance)`,
  );
  const besideBenign = summary(sessionBesideBenign);
  log(
    `  session-token /api/me: p99 ${ms(alone.p99)} ms alone, ${ms(beside.p99)} ms beside the flood (x${(beside.p99 / alone.p99).toFixed(2)}), ` +
      `${ms(besideBenign.p99)} ms beside as many connections of /api/health (x${(besideBenign.p99 / alone.p99).toFixed(2)}, ${benignReport.sent} requests); ` +
      `${alone.rps.toFixed(0)}, ${beside.rps.toFixed(0)} and ${besideBenign.rps.toFixed(0)} req/s; non-2xx ${beside.non2xx}`,
  );
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
  const reloadRatio = reportTimeToData(browserFigures);
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
  log(`  /api/me throughput with an API key >= ${TARGET.apiKeyThroughput} x with a session token: ${keyRatio.toFixed(2)} -> ${mark(keyRatio >= TARGET.apiKeyThroughput)}`);
  log(`  Clerk verifications during the key flood <= the budget's bound (${floodBound}): ${floodCalls} -> ${mark(floodCalls <= floodBound)}`);
  log(`  next /api/me after a user.updated webhook has the new data: ${seenAt === null ? "NOT met" : "met"}`);
  log(`  reload: data on screen <= ${TARGET.dataToDomContentLoaded} x DOMContentLoaded: ${reloadRatio.toFixed(2)} -> ${mark(reloadRatio <= TARGET.dataToDomContentLoaded)}`);
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
