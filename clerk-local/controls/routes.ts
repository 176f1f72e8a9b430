// The local Clerk's own endpoints under /__clerk_local/ (never one of Clerk's paths): readiness, reset,
// live settings, request counts, webhook deliveries, the contract report, a state export, the signing
// key and an outage. No authentication: the server binds loopback.
import type { Context, Hono } from "hono";
import { z } from "zod";
import { readJson } from "../http/body";
import { ClerkError } from "../http/errors";
import { parseInput, wholeNumber } from "../http/input";
import { resetServices, type Services } from "../services";
import { InstanceSettingsError, resolveInstanceSettings } from "../settings/instance";
import { parseLiveSettingsUpdate } from "../settings/live";
import { stateFileText } from "../state/state-writer";

export const CONTROLS_PREFIX = "/__clerk_local";

const MAX_OUTAGE_SECONDS = 60;
const OutageBodySchema = z.looseObject({ seconds: wholeNumber(1, MAX_OUTAGE_SECONDS) });

const methodNotAllowed = (c: Context) => {
  throw new ClerkError({
    status: 405,
    code: "method_not_allowed",
    message: "Method not allowed",
    longMessage: `${c.req.method} is not supported on ${c.req.path}`,
  });
};

/** Resolves once Node has handed this request's response to the socket (at once outside a server). */
function responseSent(c: Context): Promise<void> {
  const outgoing = (c.env as { outgoing?: { once: (event: "finish", listener: () => void) => void } } | undefined)?.outgoing;
  return outgoing ? new Promise((resolve) => outgoing.once("finish", resolve)) : Promise.resolve();
}

export function registerControls(app: Hono, services: Services): void {
  const { live, store, traffic, webhooks } = services;
  const path = (name: string) => `${CONTROLS_PREFIX}/${name}`;
  const health = () => ({ status: "ok", service: "clerk-local", publishable_key: services.publishableKey });

  app.get("/", (c) => c.json(health()));
  app.get(path("health"), (c) => c.json(health()));

  app.post(path("reset"), (c) => {
    resetServices(services);
    return c.json({ status: "reset", users: store.users().length });
  });

  app.get(path("config"), (c) => c.json(live.get()));
  const updateConfig = async (c: Context) => c.json(live.update(parseLiveSettingsUpdate(await readJson(c))));
  app.put(path("config"), updateConfig);
  app.patch(path("config"), updateConfig);

  // The instance's settings, replaced whole: a body is merged over the defaults, like a settings file.
  app.get(path("instance"), (c) => c.json(services.instance.settings));
  app.put(path("instance"), async (c) => {
    let resolved;
    try {
      resolved = resolveInstanceSettings(await readJson(c), services.instance.defaults);
    } catch (error) {
      if (!(error instanceof InstanceSettingsError)) throw error;
      const code = error.reason.startsWith("is not a setting") ? "form_param_unknown" : "form_param_value_invalid";
      throw new ClerkError({ status: 422, code, message: error.message, paramName: error.key });
    }
    services.instance.replace(resolved.settings);
    if (Object.keys(resolved.live).length) live.update(resolved.live);
    return c.json(services.instance.settings);
  });

  app.get(path("stats"), (c) => c.json(traffic.stats.toJSON()));
  const resetStats = (c: Context) => {
    traffic.stats.reset();
    return c.json(traffic.stats.toJSON());
  };
  app.post(path("stats/reset"), resetStats);
  app.delete(path("stats"), resetStats);

  app.get(path("webhooks"), (c) => c.json({ url: live.get().webhook_url, pending: webhooks.pending, deliveries: webhooks.recent() }));

  // What the contract check saw: coverage of Clerk's specs, responses that broke them, routes missing.
  app.get(path("contract"), (c) => {
    if (!services.contract) {
      throw new ClerkError({
        status: 404,
        code: "contract_check_off",
        message: "The contract check is off: start the local Clerk with CLERK_LOCAL_CONTRACT_CHECK=1",
      });
    }
    return c.json(services.contract.report());
  });

  // The users as the state file would hold them: save it and pass it as --state or --seed later.
  app.get(path("state"), (c) => c.body(stateFileText(store.snapshotUsers()), 200, { "Content-Type": "application/json" }));

  // Test-only: the private key tokens are signed with, so a test can forge tokens without reading the
  // state folder. A development server's key, already on disk in plain text.
  app.get(path("signing-key"), (c) => c.json({ kid: services.keys.kid, private_jwk: services.keys.privateJwk }));

  // Clerk unreachable: the server stops listening for a while once this answer is out.
  app.post(path("outage"), async (c) => {
    const { seconds } = parseInput(OutageBodySchema, await readJson(c), { everyProblemCode: "form_param_value_invalid" });
    const { goOffline } = services.outage;
    if (!goOffline) {
      throw new ClerkError({ status: 501, code: "not_serving", message: "Not serving on a port", longMessage: "Only a running server can go offline." });
    }
    goOffline(seconds, responseSent(c));
    return c.json({ status: "offline", seconds });
  });

  for (const name of ["health", "reset", "config", "instance", "stats", "stats/reset", "webhooks", "state", "outage", "contract", "signing-key"]) {
    app.all(path(name), methodNotAllowed);
  }
}
