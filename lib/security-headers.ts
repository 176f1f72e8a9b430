// The CSP itself is Clerk's; this adds what Clerk's defaults cannot know (docs/security.md).

export function cspDirectives(clerkProxyUrl: string | undefined): Record<string, string[]> {
  // With a proxy (the local Clerk), clerk-js, its UI, its API and avatars all come from there.
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

/** Static files included (next.config.ts `headers()`). */
export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // For browsers that predate CSP's frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
];
