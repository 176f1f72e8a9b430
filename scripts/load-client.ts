// A client `npm run load` and `npm run bench` run in a process of their own, so its work does not delay
// the victim's measurements. As fast as it can for the given seconds: `hostile`, a rotation of requests
// that cost the app or Clerk much before the proxy's guard (docs/security.md#hostile-requests);
// `api-keys`, made-up API keys that look real, on the routes that take keys (docs/security.md#api-keys);
// `benign`, plain /api/health requests, for comparison. Prints one JSON line: requests sent, answers by
// kind and status.
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";

import autocannon from "autocannon";

import { DOCUMENT_HEADERS as DOCUMENT, many, randomApiKey } from "../test/hostile-requests";

const MANY_COOKIES = many(1000, (index) => `c${index}=1`, "; ");
const MANY_PARAMS = many(1000, (index) => `p${index}=1`, "&");

export type ClientRequest = { path: string; headers?: Record<string, string> };

/** Each kind of hostile request, made afresh for every send (random nonces and keys). */
export const HOSTILE_REQUESTS: Record<string, () => ClientRequest> = {
  "1000 cookies on /api/health": () => ({ path: "/api/health", headers: { cookie: MANY_COOKIES } }),
  "1000 params on /": () => ({ path: `/?${MANY_PARAMS}`, headers: DOCUMENT }),
  "1000 params on /api/me": () => ({ path: `/api/me?${MANY_PARAMS}` }),
  "handshake nonce, document GET": () => ({ path: `/dashboard?__clerk_handshake_nonce=${randomUUID()}`, headers: DOCUMENT }),
  "handshake nonce, fetch": () => ({ path: `/api/health?__clerk_handshake_nonce=${randomUUID()}` }),
  "random API key": () => ({ path: "/api/health", headers: { authorization: `Bearer ${randomApiKey()}` } }),
};

const BENIGN_REQUESTS: Record<string, () => ClientRequest> = { "/api/health": () => ({ path: "/api/health" }) };

/** Well-formed random keys, each new: every one is a cache miss the proxy must ask Clerk about. */
const API_KEY_FLOOD_REQUESTS: Record<string, () => ClientRequest> = {
  "random API key on /api/me": () => ({ path: "/api/me", headers: { authorization: `Bearer ${randomApiKey()}` } }),
  "random API key on /api/admin": () => ({ path: "/api/admin", headers: { authorization: `Bearer ${randomApiKey()}` } }),
};

const MODES = {
  hostile: HOSTILE_REQUESTS,
  "api-keys": API_KEY_FLOOD_REQUESTS,
  benign: BENIGN_REQUESTS,
} satisfies Record<string, Record<string, () => ClientRequest>>;

export type LoadClientMode = keyof typeof MODES;

async function main(): Promise<void> {
  const [mode = "hostile", url = "", seconds = "10", connections = "1"] = process.argv.slice(2);
  const answers = new Map<string, number>();
  if (!(mode in MODES)) throw new Error(`unknown mode ${mode}: ${Object.keys(MODES).join(", ")}`);
  const kinds: Record<string, () => ClientRequest> = MODES[mode as LoadClientMode];
  const requests = Object.entries(kinds).map(
    ([kind, make]): autocannon.Request => ({
      method: "GET",
      setupRequest: (request) => ({ ...request, ...make() }),
      onResponse: (status: number) => answers.set(`${kind} ${status}`, (answers.get(`${kind} ${status}`) ?? 0) + 1),
    }),
  );
  const result = await autocannon({ url, connections: Number(connections), duration: Number(seconds), requests });
  console.log(JSON.stringify({ sent: result.requests.total, errors: result.errors, answers: Object.fromEntries([...answers].sort()) }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
