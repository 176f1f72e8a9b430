// `/v1/sign_in_tokens`: create and revoke one-time sign-in tokens.
import { readJson } from "../http/body";
import { parseInput } from "../http/input";
import type { RouteMethods } from "../http/routes";
import { signInTokenJSON } from "../json/sign-in-token";
import type { Store } from "../state/store";
import { CreateSignInTokenBodySchema } from "./bodies";
import { createSignInToken, revokeSignInToken } from "./sign-in-tokens";

export function declareSignInTokenRoutes(routes: RouteMethods, { store, signInUrl }: { store: Store; signInUrl: string }): void {
  routes.post("/v1/sign_in_tokens", async (c) => {
    const body = parseInput(CreateSignInTokenBodySchema, await readJson(c, { jsonOnly: true }), { wrongTypeCode: "form_param_value_invalid" });
    return c.json(signInTokenJSON(createSignInToken(store, body), signInUrl));
  });

  routes.post("/v1/sign_in_tokens/:id/revoke", (c) => c.json(signInTokenJSON(revokeSignInToken(store, c.req.param("id")), signInUrl)));
}
