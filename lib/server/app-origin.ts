import "server-only";

// The origin a request is for. Clerk derives it from X-Forwarded-Host (else Host) and
// X-Forwarded-Proto, so anyone can name any origin; with APP_ORIGIN set, the app's own origins
// decide instead (docs/security.md#the-apps-origin).

/** The origin as Clerk derives it from the request's headers; `url` is the server's own view. */
export function requestOrigin(headers: Headers, url: URL): string {
  const host = firstValue(headers.get("x-forwarded-host")) ?? headers.get("host");
  const protocol = firstValue(headers.get("x-forwarded-proto")) ?? url.protocol.replace(":", "");
  const candidate = host ? `${protocol}://${host}` : null;
  return candidate && URL.canParse(candidate) ? new URL(candidate).origin : url.origin;
}

/** The origins the app may send browsers to: APP_ORIGIN when set, else the request's own. */
export function appOrigins(configured: readonly string[] | undefined, origin: string): readonly string[] {
  return configured && configured.length > 0 ? configured : [origin];
}

/** The origin the app answers a request as: the request's own when it is one of the app's, else the first. */
export function answeringOrigin(configured: readonly string[] | undefined, origin: string): string {
  const origins = appOrigins(configured, origin);
  return origins.includes(origin) ? origin : origins[0]!;
}

function firstValue(header: string | null): string | undefined {
  const value = header?.split(",")[0]?.trim();
  return value ? value : undefined;
}
