// The local Clerk's own endpoints under /__clerk_local/ (never one of Clerk's paths): readiness, reset,
// live settings, request counts, webhook deliveries, a state export and the signing key. No authentication: the server
// binds loopback.
import type { Context, Hono } from "hono";
import { readJson } from "../http/body";
import { seed, type LocalClerk } from "../context";
import { ClerkError, formError } from "../http/errors";
import { applyLiveConfigUpdate, liveConfigJSON, parseLiveConfigUpdate } from "./live-config";
import { stateFileText } from "../state/state-writer";

export const CONTROLS_PREFIX = "/__clerk_local";

/** Back to how the server started: its users, its live settings, zero counts, no queued webhooks. */
export function resetLocalClerk(clerk: LocalClerk): void {
  seed(clerk);
  applyLiveConfigUpdate(clerk.config, structuredClone(clerk.initialLiveConfig));
  for (const schedule of Object.values(clerk.faults)) schedule.reset();
  clerk.held.releaseAll();
  clerk.stats.reset();
  clerk.webhooks.clear();
  clerk.stateWriter?.schedule();
}

const methodNotAllowed = (c: Context) => {
  throw new ClerkError({
    status: 405,
    code: "method_not_allowed",
    message: "Method not allowed",
    longMessage: `${c.req.method} is not supported on ${c.req.path}`,
  });
};

export function registerControls(app: Hono, clerk: LocalClerk): void {
  const path = (name: string) => `${CONTROLS_PREFIX}/${name}`;
  const health = () => ({ status: "ok", service: "clerk-local", publishable_key: clerk.publishableKey });

  app.get("/", (c) => c.json(health()));
  app.get(path("health"), (c) => c.json(health()));

  app.post(path("reset"), (c) => {
    resetLocalClerk(clerk);
    return c.json({ status: "reset", users: clerk.store.users.size });
  });

  app.get(path("config"), (c) => c.json(liveConfigJSON(clerk.config)));
  const updateConfig = async (c: Context) => {
    const update = parseLiveConfigUpdate(await readJson(c));
    applyLiveConfigUpdate(clerk.config, update);
    if (update.bapiFault !== undefined) clerk.faults.bapi.reset();
    if (update.fapiFault !== undefined) clerk.faults.fapi.reset();
    if (update.bundleFault !== undefined) clerk.faults.bundle.reset();
    // Requests held under an old latency or fault go now; hung ones answer 503 without being processed.
    const heldChanged = [update.bapiFault, update.bapiLatencyMs, update.fapiFault, update.fapiLatencyMs, update.bundleFault];
    if (heldChanged.some((setting) => setting !== undefined)) clerk.held.releaseAll();
    return c.json(liveConfigJSON(clerk.config));
  };
  app.put(path("config"), updateConfig);
  app.patch(path("config"), updateConfig);

  app.get(path("stats"), (c) => c.json(clerk.stats.toJSON()));
  const resetStats = (c: Context) => {
    clerk.stats.reset();
    return c.json(clerk.stats.toJSON());
  };
  app.post(path("stats/reset"), resetStats);
  app.delete(path("stats"), resetStats);

  app.get(path("webhooks"), (c) =>
    c.json({
      url: clerk.config.webhookUrl,
      pending: clerk.webhooks.pending,
      deliveries: clerk.webhooks.recent(),
    }),
  );

  // What the contract check saw: coverage of Clerk's specs, responses that broke them, routes missing.
  app.get(path("contract"), (c) => {
    const { contract } = clerk;
    if (!contract) {
      throw new ClerkError({
        status: 404,
        code: "contract_check_off",
        message: "The contract check is off: start the local Clerk with CLERK_LOCAL_CONTRACT_CHECK=1",
      });
    }
    return c.json(contract.report());
  });

  // The users as the state file would hold them: save it and pass it as --state or --seed later.
  app.get(path("state"), (c) =>
    c.body(stateFileText(clerk.store.snapshotUsers()), 200, { "Content-Type": "application/json" }),
  );

  // Test-only: the private key tokens are signed with, so a test can forge tokens without reading the
  // state folder. A development server's key, already on disk in plain text.
  app.get(path("signing-key"), (c) => c.json({ kid: clerk.keys.kid, private_jwk: clerk.keys.privateJwk }));

  // Clerk unreachable: the server stops listening for a while once this answer is out.
  app.post(path("outage"), async (c) => {
    const seconds = outageSeconds((await readJson(c)).seconds);
    if (!clerk.goOffline) {
      throw new ClerkError({ status: 501, code: "not_serving", message: "Not serving on a port", longMessage: "Only a running server can go offline." });
    }
    clerk.goOffline(seconds, responseSent(c));
    return c.json({ status: "offline", seconds });
  });

  for (const name of ["health", "reset", "config", "stats", "stats/reset", "webhooks", "state", "outage", "contract", "signing-key"]) {
    app.all(path(name), methodNotAllowed);
  }
}

const MAX_OUTAGE_SECONDS = 60;

function outageSeconds(value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_OUTAGE_SECONDS) {
    throw formError("form_param_value_invalid", `seconds must be a whole number from 1 to ${MAX_OUTAGE_SECONDS}`, "seconds");
  }
  return value;
}

/** Resolves once Node has handed this request's response to the socket (at once outside a server). */
function responseSent(c: Context): Promise<void> {
  const outgoing = (c.env as { outgoing?: { once: (event: "finish", listener: () => void) => void } } | undefined)?.outgoing;
  return outgoing ? new Promise((resolve) => outgoing.once("finish", resolve)) : Promise.resolve();
}
