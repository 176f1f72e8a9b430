import { ClerkProvider } from "@clerk/nextjs";
import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { connection } from "next/server";

import { APP_NAME } from "@/app/_components/app-name";
import { SiteHeader } from "@/app/_components/site-header";
import { serverEnv } from "@/lib/env";
import { DASHBOARD_PATH, SIGN_IN_PATH, SIGN_UP_PATH } from "@/lib/routes";
import { appOrigins, requestOrigin } from "@/lib/server/app-origin";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: APP_NAME, template: `%s · ${APP_NAME}` },
  description:
    "Sign in with Clerk and see your own profile, served by an authenticated Next.js API route.",
};

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8fafc" },
    { media: "(prefers-color-scheme: dark)", color: "#020618" },
  ],
};

/** Where clerk-js may send a browser after sign-in: the app's own origins, not Clerk's default of every subdomain. */
async function allowedRedirectOrigins(): Promise<string[]> {
  // Pages see the proxy's view of the request: with APP_ORIGIN set, its host is one of those origins.
  return [...appOrigins(serverEnv().APP_ORIGIN, requestOrigin(await headers(), NO_REQUEST_ORIGIN))];
}

/** Matches no page, so a request without a Host header allows no absolute redirect at all. */
const NO_REQUEST_ORIGIN = new URL("http://no-host.invalid");

// Every page renders per request, shell included: its scripts must carry the request's CSP nonce, which a
// prerendered shell cannot. `instant = false` lets the layout block on the request
// (docs/security.md#a-nonce-never-repeats-and-no-cache-keeps-one).
export const instant = false;

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    // `dynamic` puts the request's CSP nonce on clerk-js's script tag.
    <ClerkProvider
      dynamic
      allowedRedirectOrigins={await allowedRedirectOrigins()}
      signInUrl={SIGN_IN_PATH}
      signUpUrl={SIGN_UP_PATH}
      signInFallbackRedirectUrl={DASHBOARD_PATH}
      signUpFallbackRedirectUrl={DASHBOARD_PATH}
      afterSignOutUrl="/"
    >
      <html lang="en">
        <body className="flex min-h-dvh flex-col bg-slate-50 font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
          <a
            href="#main"
            className="sr-only rounded-md bg-indigo-600 px-3 py-2 text-white focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50"
          >
            Skip to content
          </a>
          <SiteHeader />
          <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-10 sm:px-6 sm:py-14">
            {children}
          </main>
          <footer className="border-t border-slate-200 py-6 text-center text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
            {APP_NAME} · authentication by Clerk · built with Next.js
          </footer>
        </body>
      </html>
    </ClerkProvider>
  );
}
