// `GET /v1/client/handshake`: the redirect @clerk/backend sends a document request through when it
// cannot tell the browser's state from its cookies. We answer with the cookies the app should hold,
// signed into `__clerk_handshake`, and send the browser straight back.
import { ClerkError } from "../http/errors";
import type { RouteMethods } from "../http/routes";
import { signHandshake, type TokenIssuer } from "../tokens/tokens";
import type { Fapi } from "./client-context";

function cookie(name: string, value: string, maxAgeSeconds: number | null): string {
  const expiry = maxAgeSeconds === null ? "" : `; Max-Age=${maxAgeSeconds}`;
  return `${name}=${value}; Path=/; SameSite=Lax${expiry}`;
}

function parseRedirectUrl(value: string | undefined): URL {
  let url: URL | null = null;
  try {
    url = value ? new URL(value) : null;
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new ClerkError({
      status: 400,
      code: "form_param_value_invalid",
      message: "redirect_url must be an absolute http(s) URL",
      paramName: "redirect_url",
    });
  }
  return url;
}

export function declareHandshake(routes: RouteMethods, fapi: Fapi, signing: { issuer: TokenIssuer; cookieSuffix: string }): void {
  const { store } = fapi;
  /** Each cookie twice: plain and suffixed, as @clerk/backend reads whichever the app's key expects. */
  const withSuffix = (name: string, value: string, maxAgeSeconds: number | null) => [
    cookie(name, value, maxAgeSeconds),
    cookie(`${name}_${signing.cookieSuffix}`, value, maxAgeSeconds),
  ];

  routes.get("/v1/client/handshake", async (c) => {
    const redirectUrl = parseRedirectUrl(c.req.query("redirect_url"));
    const knownToken = c.req.query("__clerk_db_jwt");
    const known = knownToken ? store.clientForDevBrowser(knownToken) : undefined;
    const devBrowser = known && knownToken ? { token: knownToken, client: known } : store.createDevBrowser();
    const { client } = devBrowser;

    const oneYear = 365 * 24 * 3600;
    const cookies = withSuffix("__clerk_db_jwt", devBrowser.token, oneYear);
    const session = store.activeSessions(client).find((s) => s.id === client.last_active_session_id);
    if (session) {
      cookies.push(...withSuffix("__session", await fapi.tokenFor(session, client, redirectUrl.origin), null));
      cookies.push(...withSuffix("__client_uat", String(Math.floor(client.updated_at / 1000)), oneYear));
    } else {
      cookies.push(...withSuffix("__session", "", 0));
      cookies.push(...withSuffix("__client_uat", "0", oneYear));
    }

    redirectUrl.searchParams.set("__clerk_handshake", await signHandshake(signing.issuer, cookies));
    c.header("Cache-Control", "no-store");
    return c.redirect(redirectUrl.toString(), 307);
  });
}
