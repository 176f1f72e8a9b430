// `/v1/api_keys`: what clerkClient.apiKeys calls, and what clerkMiddleware's `acceptsToken: 'api_key'`
// verifies with. @clerk/backend sends these without `/v1`; app.ts routes them here (spec/README.md).
import type { Context } from "hono";
import { readJson } from "../http/body";
import { ClerkError, formError } from "../http/errors";
import { parseInput } from "../http/input";
import type { RouteMethods } from "../http/routes";
import { apiKeyJSON, apiKeyListJSON } from "../json/api-key";
import type { Instance } from "../settings/instance";
import { apiKeyOr404, apiKeysNotEnabled, createApiKey, expirationFrom, listApiKeys, revokeApiKey, verifyApiKey } from "../state/api-keys";
import type { Store } from "../state/store";
import { CreateApiKeyBodySchema, RevokeApiKeyBodySchema, UpdateApiKeyBodySchema, VerifyApiKeyBodySchema } from "./bodies";
import { apiKeyListQuery } from "./query";

const bodyOf = async (c: Context) => readJson(c, { jsonOnly: true });

export function declareApiKeyRoutes(routes: RouteMethods, { store, instance }: { store: Store; instance: Instance }): void {
  routes.post("/v1/api_keys", async (c) => {
    const body = parseInput(CreateApiKeyBodySchema, await bodyOf(c));
    if (!instance.settings.api_keys_settings.enabled) throw apiKeysNotEnabled("enabled");
    const { key, secret } = createApiKey(store, body);
    return c.json(apiKeyJSON(key, { secret }));
  });

  routes.get("/v1/api_keys", (c) => {
    return c.json(apiKeyListJSON(listApiKeys(store, apiKeyListQuery(c))));
  });

  routes.post("/v1/api_keys/verify", async (c) => {
    const { secret } = parseInput(VerifyApiKeyBodySchema, await bodyOf(c));
    return c.json(apiKeyJSON(verifyApiKey(store, secret)));
  });

  routes.get("/v1/api_keys/:id", (c) => c.json(apiKeyJSON(apiKeyOr404(store, c.req.param("id")))));

  routes.patch("/v1/api_keys/:id", async (c) => {
    const body = parseInput(UpdateApiKeyBodySchema, await bodyOf(c));
    const key = apiKeyOr404(store, c.req.param("id"));
    if (body.subject !== undefined && body.subject !== key.subject) {
      throw formError("form_param_value_invalid", "Moving an API key to another subject is not supported by the local Clerk.", "subject");
    }
    const change = {
      ...(body.description === undefined ? {} : { description: body.description }),
      ...(body.claims === undefined ? {} : { claims: body.claims }),
      ...(body.scopes === undefined ? {} : { scopes: body.scopes }),
      ...(body.seconds_until_expiration === undefined ? {} : { expiration: expirationFrom(body.seconds_until_expiration) }),
    };
    return c.json(apiKeyJSON(store.updateApiKey(key.id, change)));
  });

  routes.delete("/v1/api_keys/:id", (c) => {
    const id = apiKeyOr404(store, c.req.param("id")).id;
    store.deleteApiKey(id);
    return c.json({ object: "api_key", id, deleted: true });
  });

  routes.post("/v1/api_keys/:id/revoke", async (c) => {
    const body = parseInput(RevokeApiKeyBodySchema, await bodyOf(c));
    return c.json(apiKeyJSON(revokeApiKey(store, apiKeyOr404(store, c.req.param("id")), body.revocation_reason)));
  });

  // Secrets are kept only as hashes, so there is none to give back (README.md, "API keys").
  routes.get("/v1/api_keys/:id/secret", (c) => {
    apiKeyOr404(store, c.req.param("id"));
    throw new ClerkError({
      status: 400,
      code: "api_key_secret_unavailable",
      message: "The secret of an API key is shown once, when the key is created.",
      longMessage: "The local Clerk keeps only a hash of each API key's secret: it is shown once, in the answer that created the key.",
    });
  });
}
