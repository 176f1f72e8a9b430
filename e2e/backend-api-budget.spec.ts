// What requests without a valid session cost Clerk's Backend API, counted by the local Clerk itself
// (docs/security.md#no-free-work-for-clerk): machine tokens and stray handshake nonces cost nothing,
// and handshake nonces on document GETs and random API keys come out of bounded budgets, 429 with
// Retry-After beyond them.
// The budget is the server's, shared by every test: this runs in the "global" project, alone.
import { randomUUID } from "node:crypto";
import { budgetBound, budgetSettings } from "../lib/backend-api-limits";
import { DOCUMENT_HEADERS, randomApiKey } from "../test/hostile-requests";
import { LOCAL_ONLY, localClerk, REAL_CLERK } from "./support/clerk-env";
import { expect, test } from "./support/fixtures";

test.skip(REAL_CLERK, LOCAL_ONLY);

const HANDSHAKE_PAYLOAD = "GET /v1/clients/handshake_payload";
const VERIFY_API_KEY = "POST /v1/api_keys/verify";

async function backendApiCalls(): Promise<number> {
  return Object.values((await localClerk.stats()).bapi).reduce((sum, count) => sum + count, 0);
}

async function statuses(sends: (() => Promise<{ status: () => number }>)[]): Promise<number[]> {
  const answers: number[] = [];
  for (const send of sends) answers.push((await send()).status());
  return answers;
}

test("machine tokens and handshake nonces outside a document GET cost the Backend API nothing", async ({ request }) => {
  const before = await backendApiCalls();
  const random = () => randomUUID().replaceAll("-", "");
  const sends = [
    ...["ak_", "mt_", "oat_"].map((prefix) => () => request.get("/api/health", { headers: { Authorization: `Bearer ${prefix}${random()}` } })),
    ...["mt_", "oat_"].flatMap((prefix) => ["/api/me", "/api/admin"].map((path) => () => request.get(path, { headers: { Authorization: `Bearer ${prefix}${random()}` } }))),
    // Malformed API keys on the routes that take keys: refused before any call.
    ...["ak_", "ak_short", "ak_with spaces in it"].map((key) => () => request.get("/api/me", { headers: { Authorization: `Bearer ${key}` } })),
    ...Array.from({ length: 10 }, () => () => request.get(`/api/health?__clerk_handshake_nonce=${random()}`)),
    ...Array.from({ length: 5 }, () => () => request.get("/api/me", { headers: { cookie: `__clerk_handshake_nonce=${random()}` } })),
    ...Array.from({ length: 5 }, () => () => request.post(`/dashboard?__clerk_handshake_nonce=${random()}`, { headers: DOCUMENT_HEADERS, maxRedirects: 0 })),
  ];

  const answers = await statuses(sends);

  expect(answers.slice(0, 10), "machine tokens where no route accepts them, malformed API keys").toEqual(Array(10).fill(401));
  expect(answers.slice(10, 20), "a nonce on a fetch: the nonce is ignored").toEqual(Array(10).fill(200));
  expect(answers.slice(20, 25), "a nonce cookie on an API call").toEqual(Array(5).fill(401));
  expect(answers.slice(25), "a nonce on a page POST: signed out, sent to sign-in").toEqual(Array(5).fill(307));
  expect(await backendApiCalls(), "Backend API calls these requests caused").toBe(before);
});

test("well-formed random API keys spend a bounded budget: one verification each, 429 with Retry-After beyond it", async ({ request }) => {
  const { capacity, perSecond } = budgetSettings("development");
  const before = (await localClerk.stats()).bapi[VERIFY_API_KEY] ?? 0;
  const started = performance.now();
  const answers: number[] = [];
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const response = await request.get("/api/me", { headers: { Authorization: `Bearer ${randomApiKey()}` } });
    answers.push(response.status());
    if (response.status() === 429) expect(Number(response.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  }
  const seconds = (performance.now() - started) / 1000;
  const calls = ((await localClerk.stats()).bapi[VERIFY_API_KEY] ?? 0) - before;

  expect(new Set(answers), JSON.stringify(answers)).toEqual(new Set([401, 429]));
  expect(calls, "one verification per key refused with 401").toBe(answers.filter((status) => status === 401).length);
  expect(calls, `at most ${capacity} at once plus ${perSecond}/s`).toBeLessThanOrEqual(budgetBound("development", seconds));
});

test("handshake nonces on document GETs spend a bounded budget: beyond it 429 with Retry-After, and the budget refills", async ({ request }) => {
  const { capacity, perSecond } = budgetSettings("development");
  const before = (await localClerk.stats()).bapi[HANDSHAKE_PAYLOAD] ?? 0;
  const started = performance.now();
  const answers: { status: number; retryAfter: string | undefined }[] = [];
  for (let attempt = 0; attempt < 30; attempt += 1) {
    const response = await request.get(`/dashboard?__clerk_handshake_nonce=${randomUUID()}`, { headers: DOCUMENT_HEADERS, maxRedirects: 0 });
    answers.push({ status: response.status(), retryAfter: response.headers()["retry-after"] });
    if (response.status() === 429) expect(await response.json()).toMatchObject({ code: "resource_exhausted", details: null });
  }
  const seconds = (performance.now() - started) / 1000;
  const calls = ((await localClerk.stats()).bapi[HANDSHAKE_PAYLOAD] ?? 0) - before;

  const honoured = answers.filter((answer) => answer.status !== 429).length;
  const refused = answers.filter((answer) => answer.status === 429);
  console.log(`30 nonces in ${seconds.toFixed(1)} s: ${honoured} honoured, ${refused.length} refused, ${calls} Backend API calls`);
  expect(calls, "one handshake-payload call per honoured nonce").toBe(honoured);
  expect(calls, `at most ${capacity} at once plus ${perSecond}/s`).toBeLessThanOrEqual(budgetBound("development", seconds));
  expect(answers.every((answer) => answer.status < 500), JSON.stringify(answers)).toBe(true);
  expect(refused.length).toBeGreaterThan(0);
  for (const answer of refused) expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);

  // After the wait it names, a navigation with a nonce is honoured again.
  await new Promise((resolve) => setTimeout(resolve, Number(refused.at(-1)!.retryAfter) * 1000));
  const again = await request.get(`/dashboard?__clerk_handshake_nonce=${randomUUID()}`, { headers: DOCUMENT_HEADERS, maxRedirects: 0 });
  expect(again.status(), "after Retry-After").not.toBe(429);
});
