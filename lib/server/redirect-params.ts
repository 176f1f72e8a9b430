import "server-only";

// Clerk's redirect parameters, which clerk-js reads from the page's URL and hands to `new URL()`: an
// unparseable one throws inside clerk-js and breaks sign-in. Any that does not name one of the app's
// own origins is dropped before clerk-js sees it (docs/security.md#redirect-parameters).

/** What clerk-js reads (@clerk/shared PRESERVED_QUERYSTRING_PARAMS), plus the satellite ones it and the middleware read. */
export const CLERK_REDIRECT_PARAMS = [
  "redirect_url",
  "after_sign_in_url",
  "after_sign_up_url",
  "sign_in_force_redirect_url",
  "sign_in_fallback_redirect_url",
  "sign_up_force_redirect_url",
  "sign_up_fallback_redirect_url",
  "__clerk_redirect_url",
  "__clerk_satellite_url",
] as const;

/** True when `value`, resolved the way clerk-js resolves it, is an http(s) URL on one of `origins`. */
export function isSafeRedirect(value: string, origins: readonly string[], base: string): boolean {
  if (!URL.canParse(value, base)) return false;
  const url = new URL(value, base);
  return (url.protocol === "https:" || url.protocol === "http:") && origins.includes(url.origin);
}

/** The URL without its unsafe redirect parameters, or null when every one is safe. */
export function withoutUnsafeRedirects(url: URL, origins: readonly string[], base: string): URL | null {
  const unsafe = CLERK_REDIRECT_PARAMS.filter((name) =>
    url.searchParams.getAll(name).some((value) => !isSafeRedirect(value, origins, base)),
  );
  if (unsafe.length === 0) return null;
  const clean = new URL(url);
  for (const name of unsafe) clean.searchParams.delete(name);
  return clean;
}
