// Security headers. The Content-Security-Policy itself is Clerk's (clerkMiddleware's
// `contentSecurityPolicy` option knows what clerk-js, its UI, captcha and images need); this module
// adds what Clerk's defaults cannot know and the headers every response carries.

/** Extra CSP directives merged into Clerk's. */
export function cspDirectives(clerkProxyUrl: string | undefined): Record<string, string[]> {
  // With a proxy (the local Clerk in development and tests), clerk-js, its UI bundle, its Frontend API
  // calls and the avatars all come from that origin instead of Clerk's hosts.
  const proxyOrigin = clerkProxyUrl ? [new URL(clerkProxyUrl).origin] : [];
  return {
    "script-src": proxyOrigin,
    "connect-src": proxyOrigin,
    "img-src": [...proxyOrigin, "data:"],
    "frame-ancestors": ["none"],
    "base-uri": ["self"],
    "object-src": ["none"],
  };
}

/** Headers for every response, static files included (next.config.ts `headers()`). */
export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // For browsers that predate CSP's frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
];
