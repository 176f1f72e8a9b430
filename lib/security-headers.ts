// The CSP itself is Clerk's strict one; this adds what Clerk's defaults cannot know (docs/security.md).

/** Directives merged into Clerk's strict policy; Clerk adds the nonce and 'strict-dynamic' per request. */
export function cspDirectives(clerkProxyUrl: string | undefined): Record<string, string[]> {
  // With a proxy (the local Clerk), its API and avatars come from there. Written without a scheme, as
  // Clerk writes its own Frontend API host, so it matches the page's scheme only (never http from https).
  const proxyHost = clerkProxyUrl ? [new URL(clerkProxyUrl).host] : [];
  return {
    "connect-src": proxyHost,
    "img-src": [...proxyHost, "data:"],
    "frame-ancestors": ["none"],
    "base-uri": ["self"],
    "object-src": ["none"],
  };
}

type Header = { key: string; value: string };

/** Every response, static files included (next.config.ts `headers()`); HSTS only on production servers. */
export function securityHeaders({ production }: { production: boolean }): Header[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    // For browsers that predate CSP's frame-ancestors.
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
    // Not same-origin: Clerk's OAuth popups report back through window.opener.
    { key: "Cross-Origin-Opener-Policy", value: "same-origin-allow-popups" },
    ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000" }] : []),
  ];
}
