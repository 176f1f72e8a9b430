import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD } from "next/constants";

import { serverEnv } from "./lib/env";
import { securityHeaders } from "./lib/security-headers";

export default function nextConfig(phase: string): NextConfig {
  // A production build bakes NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY into the bundles, so a missing or
  // malformed key must stop the build here rather than surface in the first browser.
  // `next start` is checked by instrumentation.ts against the key the build inlined.
  if (phase === PHASE_PRODUCTION_BUILD) serverEnv();

  return {
    // The build against the local Clerk server goes to .next-local so it never overwrites (or gets
    // deployed as) the real one.
    distDir: process.env.NEXT_DIST_DIR || ".next",
    poweredByHeader: false,
    // `use cache` for the user look-up (docs/cache.md); pages still render per request (app/layout.tsx).
    cacheComponents: true,
    partialPrefetching: true,
    // Every response, static files included; the Content-Security-Policy comes from proxy.ts (Clerk).
    headers: async () => [
      { source: "/:path*", headers: securityHeaders({ production: phase !== PHASE_DEVELOPMENT_SERVER }) },
    ],
    images: {
      remotePatterns: [
        { protocol: "https", hostname: "img.clerk.com" },
        { protocol: "https", hostname: "images.clerk.dev" },
        // The local Clerk's avatars (development and tests). The dashboard renders avatars unoptimized
        // anyway: Next's optimizer refuses loopback addresses, and Clerk's CDN already sizes them.
        { protocol: "http", hostname: "127.0.0.1", pathname: "/avatars/**" },
        { protocol: "http", hostname: "localhost", pathname: "/avatars/**" },
      ],
    },
  };
}
