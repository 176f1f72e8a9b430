// `/api_keys` of the Frontend API: what clerk-js's `clerk.apiKeys` (and so `<APIKeys />`, `useAPIKeys`
// and Manage account's "API keys" page) calls. Outside `/v1`, with the session token as a Bearer header
// and a JSON body, as clerk-js sends it; a user manages only their own keys.
import type { Context } from "hono";
import { z } from "zod";
import { RevokeApiKeyBodySchema } from "../backend/bodies";
import { apiKeyListQuery } from "../backend/query";
import { readJson } from "../http/body";
import { ClerkError, notFound } from "../http/errors";
import { parseInput } from "../http/input";
import type { RouteMethods } from "../http/routes";
import { apiKeyJSON, apiKeyListJSON } from "../json/api-key";
import type { Instance } from "../settings/instance";
import { apiKeyFields, apiKeyOr404, apiKeysNotEnabled, createApiKey, listApiKeys, revokeApiKey } from "../state/api-keys";
import type { ApiKey, User } from "../state/records";
import type { Store } from "../state/store";
import { verifySessionToken, type TokenIssuer } from "../tokens/tokens";

const CreateBodySchema = z.strictObject({ ...apiKeyFields, subject: z.string({ error: "must be a string" }) });
const UpdateBodySchema = z.strictObject({ description: apiKeyFields.description });

const unauthorized = () =>
  new ClerkError({ status: 401, code: "authentication_invalid", message: "Unauthorized request", longMessage: "This request needs a valid session token as a Bearer header." });

const notYours = () =>
  new ClerkError({ status: 403, code: "authorization_invalid", message: "Unauthorized request", longMessage: "A user manages only their own API keys." });

type Deps = { store: Store; instance: Instance; issuer: TokenIssuer };

export function declareApiKeyRoutes(routes: RouteMethods, { store, instance, issuer }: Deps): void {
  /** The user whose active session's token is the Bearer, with user API keys turned on. */
  const signedInUser = async (c: Context): Promise<User> => {
    const [scheme, token] = (c.req.header("authorization") ?? "").split(" ");
    const claims = scheme === "Bearer" && token ? await verifySessionToken(issuer, token) : null;
    const session = claims ? store.session(claims.sessionId) : undefined;
    const user = session?.status === "active" && session.user_id === claims?.userId ? store.user(session.user_id) : undefined;
    if (!user) throw unauthorized();
    if (!instance.settings.api_keys_settings.user_api_keys_enabled) throw apiKeysNotEnabled("user_api_keys_enabled");
    return user;
  };
  // Another user's key is "not found": its id tells the caller nothing.
  const ownKey = (user: User, id: string): ApiKey => {
    const key = apiKeyOr404(store, id);
    if (key.subject !== user.id) throw notFound("API key");
    return key;
  };

  routes.get("/api_keys", async (c) => {
    const user = await signedInUser(c);
    const query = apiKeyListQuery(c);
    if (query.subject !== user.id) throw notYours();
    return c.json(apiKeyListJSON(listApiKeys(store, query)));
  });

  routes.post("/api_keys", async (c) => {
    const user = await signedInUser(c);
    const body = parseInput(CreateBodySchema, await readJson(c));
    if (body.subject !== user.id) throw notYours();
    const { key, secret } = createApiKey(store, { ...body, created_by: user.id });
    return c.json(apiKeyJSON(key, { secret }), 201);
  });

  routes.patch("/api_keys/:id", async (c) => {
    const user = await signedInUser(c);
    const body = parseInput(UpdateBodySchema, await readJson(c));
    const key = ownKey(user, c.req.param("id"));
    return c.json(apiKeyJSON(body.description === undefined ? key : store.updateApiKey(key.id, { description: body.description })));
  });

  routes.post("/api_keys/:id/revoke", async (c) => {
    const user = await signedInUser(c);
    const body = parseInput(RevokeApiKeyBodySchema, await readJson(c));
    return c.json(apiKeyJSON(revokeApiKey(store, ownKey(user, c.req.param("id")), body.revocation_reason)));
  });
}
