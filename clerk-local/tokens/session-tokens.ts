// Session tokens as this instance hands them out, to browsers and through the Backend API alike: the
// live lifetime, the instance's custom claims rendered for the session's user at that moment.
import { ClerkError } from "../http/errors";
import { profileImageUrl } from "../json/user";
import type { Instance } from "../settings/instance";
import type { LiveSettings } from "../settings/live";
import type { Session, User } from "../state/records";
import type { Store } from "../state/store";
import { claimsSize, MAX_CUSTOM_CLAIMS_BYTES, renderClaims, shortcodeValues } from "./claims";
import { mintSessionToken, mintTemplateToken, type TokenIssuer } from "./tokens";

export type TokenRequest = {
  azp: string | null;
  /** The browser's client `updated_at` (see mintSessionToken). */
  notBeforeMs?: number;
  /** Overrides the live lifetime, or the template's. */
  ttlSeconds?: number;
  /** A JWT template's name: a token from that template instead of the session token. */
  template?: string;
};

export type SessionTokens = {
  mint: (session: Session, request: TokenRequest) => Promise<string>;
};

const noSuchTemplate = (name: string) =>
  new ClerkError({ status: 404, code: "resource_not_found", message: "not found", longMessage: `No JWT template exists with name: ${name}` });

export const customClaimsTooLarge = (bytes: number) =>
  new ClerkError({
    status: 422,
    code: "session_token_too_large",
    message: "The session token's custom claims are too large",
    longMessage: `The custom claims render to ${bytes} bytes for this user, past the ${MAX_CUSTOM_CLAIMS_BYTES} bytes a session cookie leaves for them. Move large claims out of the session token.`,
  });

export function sessionTokens(deps: { issuer: TokenIssuer; live: LiveSettings; instance: Instance; store: Store; avatarBaseUrl: () => string }): SessionTokens {
  const render = (template: Record<string, unknown> | null, user: User | undefined) =>
    template && user ? renderClaims(template, shortcodeValues(user, profileImageUrl(user, deps.avatarBaseUrl()))) : {};
  return {
    mint(session, options) {
      const user = deps.store.user(session.user_id);
      if (options.template !== undefined) {
        const template = deps.store.jwtTemplateByName(options.template);
        if (!template) return Promise.reject(noSuchTemplate(options.template));
        return mintTemplateToken(deps.issuer, {
          userId: session.user_id,
          azp: options.azp,
          claims: render(template.claims, user),
          lifetimeSeconds: options.ttlSeconds ?? template.lifetime,
          clockSkewSeconds: template.allowed_clock_skew,
        });
      }
      const customClaims = render(deps.instance.settings.session_token_claims, user);
      const bytes = claimsSize(customClaims);
      if (bytes > MAX_CUSTOM_CLAIMS_BYTES) return Promise.reject(customClaimsTooLarge(bytes));
      return mintSessionToken(deps.issuer, session, {
        azp: options.azp,
        ttlSeconds: options.ttlSeconds ?? deps.live.get().token_ttl_s,
        notBeforeMs: options.notBeforeMs,
        customClaims,
      });
    },
  };
}
