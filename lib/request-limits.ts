// What a request may carry before the proxy refuses it with 431: Next's route-handler runtime spends
// time that grows with the square of the cookie count, and query parameters cost on every route
// (docs/security.md#request-limits has the measurements and the margins). No `server-only`: the e2e
// suite checks a real browser against these numbers.

export const REQUEST_LIMITS = {
  /** Far above what a signed-in browser of this app sends; RFC 6265 asks browsers for at least 50 per domain. */
  cookies: 50,
  /** Two session cookies at Clerk's per-cookie ceiling, plus everything else. */
  cookieBytes: 12 * 1024,
  /** Room for tracking parameters beside the app's and Clerk's own. The query's length is left to
   *  Node's header limit and Vercel's URL limit (docs/security.md#request-limits). */
  queryParams: 64,
} as const;

/** Why the request is over a limit, for the 431 message, or null when it is within them all. */
export function requestOverLimit(cookieHeader: string | null, search: string): string | null {
  const cookies = cookieHeader ?? "";
  if (cookies.length > REQUEST_LIMITS.cookieBytes) {
    return `Its cookies take ${cookies.length} bytes; this app accepts ${REQUEST_LIMITS.cookieBytes}. Clear this site's cookies and try again.`;
  }
  const cookieCount = countParts(cookies, ";");
  if (cookieCount > REQUEST_LIMITS.cookies) {
    return `It carries ${cookieCount} cookies; this app accepts ${REQUEST_LIMITS.cookies}. Clear this site's cookies and try again.`;
  }
  const paramCount = countParts(search.startsWith("?") ? search.slice(1) : search, "&");
  if (paramCount > REQUEST_LIMITS.queryParams) {
    return `It carries ${paramCount} query parameters; this app accepts ${REQUEST_LIMITS.queryParams}.`;
  }
  return null;
}

/** Non-empty parts between separators, counted without building them. */
function countParts(text: string, separator: string): number {
  let count = 0;
  let partHasContent = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === separator) {
      if (partHasContent) count += 1;
      partHasContent = false;
    } else if (char !== " ") {
      partHasContent = true;
    }
  }
  return partHasContent ? count + 1 : count;
}
