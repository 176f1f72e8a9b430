// The hostile client `npm run load` runs in a process of its own, so its work does not delay the
// victim's measurements: as fast as it can for the given seconds, a rotation of requests that cost
// the app or Clerk much before issue 23 (docs/security.md#hostile-requests). Prints one JSON line:
// requests sent, answers by kind and status.
import { randomUUID } from "node:crypto";

import autocannon from "autocannon";

const [url = "", seconds = "10", connections = "4"] = process.argv.slice(2);

const many = (count: number, make: (index: number) => string, separator: string) =>
  Array.from({ length: count }, (_, index) => make(index)).join(separator);
const MANY_COOKIES = many(1000, (index) => `c${index}=1`, "; ");
const MANY_PARAMS = many(1000, (index) => `p${index}=1`, "&");
const DOCUMENT = { "sec-fetch-dest": "document", accept: "text/html" };

export type HostileKind =
  | "1000 cookies on /api/health"
  | "1000 params on /"
  | "1000 params on /api/me"
  | "handshake nonce, document GET"
  | "handshake nonce, fetch"
  | "random API key";

const answers = new Map<string, number>();

function request(kind: HostileKind, make: () => { path: string; headers?: Record<string, string> }): autocannon.Request {
  return {
    method: "GET",
    setupRequest: (req) => ({ ...req, ...make() }),
    onResponse: (status: number) => answers.set(`${kind} ${status}`, (answers.get(`${kind} ${status}`) ?? 0) + 1),
  };
}

const requests = [
  request("1000 cookies on /api/health", () => ({ path: "/api/health", headers: { cookie: MANY_COOKIES } })),
  request("1000 params on /", () => ({ path: `/?${MANY_PARAMS}`, headers: DOCUMENT })),
  request("1000 params on /api/me", () => ({ path: `/api/me?${MANY_PARAMS}` })),
  request("handshake nonce, document GET", () => ({ path: `/dashboard?__clerk_handshake_nonce=${randomUUID()}`, headers: DOCUMENT })),
  request("handshake nonce, fetch", () => ({ path: `/api/health?__clerk_handshake_nonce=${randomUUID()}` })),
  request("random API key", () => ({ path: "/api/health", headers: { authorization: `Bearer ak_${randomUUID().replaceAll("-", "")}` } })),
];

const result = await autocannon({ url, connections: Number(connections), duration: Number(seconds), requests });
console.log(JSON.stringify({ sent: result.requests.total, errors: result.errors, answers: Object.fromEntries([...answers].sort()) }));
