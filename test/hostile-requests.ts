// Pieces of made-up requests that the e2e specs and `npm run load` both send: many cookies or query
// parameters, a browser's document request, an API key only Clerk can tell is unknown.
import { randomUUID } from "node:crypto";

/** What a browser's page load says of itself; Clerk's handshake and the proxy's link checks look at it. */
export const DOCUMENT_HEADERS = { accept: "text/html", "sec-fetch-dest": "document" } as const;

/** `count` pieces made by `make`, joined: a Cookie header or a query string of any size. */
export function many(count: number, make: (index: number) => string, separator: string): string {
  return Array.from({ length: count }, (_, index) => make(index)).join(separator);
}

/** A new, well-formed API key that no one made: every one is a cache miss the proxy must ask Clerk about. */
export function randomApiKey(): string {
  return `ak_${randomUUID().replaceAll("-", "")}${randomUUID().replaceAll("-", "").slice(0, 11)}`;
}
