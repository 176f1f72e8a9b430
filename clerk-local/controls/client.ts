// The one client for the local Clerk's controls (`/__clerk_local/*`), for tests and scripts that run
// beside it. Every failed call throws an Error naming the control, the status and the answer's body.
import type { JWK } from "jose";
import type { InstanceInput, InstanceSettings } from "../settings/instance";
import type { LiveSettingsInput, LiveSettingsJSON } from "../settings/live";
import type { ContractReport } from "../spec/recorder";
import type { StatsJSON } from "../traffic/request-stats";
import type { DeliveryRecord } from "../webhooks/dispatcher";

export type { InstanceInput, InstanceSettings, LiveSettingsJSON, StatsJSON };
/** A fault as `PUT /__clerk_local/config` takes it: `rate` defaults to 1. */
export type FaultJSON = NonNullable<LiveSettingsInput["bapi_fault"]>;
/** A static-bundle fault: `bundle` defaults to both clerk-js and the UI. */
export type BundleFaultJSON = NonNullable<LiveSettingsInput["bundle_fault"]>;
export type HealthJSON = { status: "ok"; service: "clerk-local"; publishable_key: string };
export type WebhooksJSON = { url: string | null; pending: number; deliveries: DeliveryRecord[] };
export type SigningKeyJSON = { kid: string; private_jwk: JWK };

export type LocalClerkControls = ReturnType<typeof localClerkControls>;

/** `fetchImpl` lets tests drive an in-process server with the same client. */
export function localClerkControls(baseUrl: string, fetchImpl: typeof fetch = fetch) {
  const origin = baseUrl.replace(/\/+$/, "");

  async function call(method: "GET" | "PUT" | "POST", name: string, body?: unknown): Promise<Response> {
    const control = `${method} /__clerk_local/${name}`;
    const response = await fetchImpl(`${origin}/__clerk_local/${name}`, {
      method,
      ...(body === undefined ? {} : { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }),
    }).catch((error: unknown) => {
      throw new Error(`${control} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    });
    if (!response.ok) throw new Error(`${control} answered ${response.status}: ${await response.text()}`);
    return response;
  }
  const json = async <T>(method: "GET" | "PUT" | "POST", name: string, body?: unknown): Promise<T> =>
    (await (await call(method, name, body)).json()) as T;
  const setConfig = (update: LiveSettingsInput) => json<LiveSettingsJSON>("PUT", "config", update);

  return {
    url: origin,
    health: () => json<HealthJSON>("GET", "health"),
    /** False while the server refuses connections (an outage) or answers anything but 2xx. */
    isUp: () => call("GET", "health").then(() => true, () => false),
    reset: () => json<{ status: "reset"; users: number }>("POST", "reset"),
    config: () => json<LiveSettingsJSON>("GET", "config"),
    setConfig,
    /** Backend API faults: what the app's server sees when Clerk fails. */
    setFault: (fault: FaultJSON | null) => setConfig({ bapi_fault: fault }),
    /** Frontend API faults: what the browser sees when Clerk fails. */
    setFapiFault: (fault: FaultJSON | null) => setConfig({ fapi_fault: fault }),
    /** clerk-js or its UI bundle failing to load. */
    setBundleFault: (fault: BundleFaultJSON | null) => setConfig({ bundle_fault: fault }),
    /** The instance's settings (what Clerk's dashboard configures). */
    instance: () => json<InstanceSettings>("GET", "instance"),
    /** Replaces the instance's settings: `settings` is merged over the defaults, as a settings file is. */
    setInstance: (settings: InstanceInput) => json<InstanceSettings>("PUT", "instance", settings),
    stats: () => json<StatsJSON>("GET", "stats"),
    resetStats: () => json<StatsJSON>("POST", "stats/reset"),
    webhooks: () => json<WebhooksJSON>("GET", "webhooks"),
    /** The users as a state file holds them, ready for --state or --seed. */
    state: async () => (await call("GET", "state")).text(),
    outage: (seconds: number) => json<{ status: "offline"; seconds: number }>("POST", "outage", { seconds }),
    contract: () => json<ContractReport>("GET", "contract"),
    signingKey: () => json<SigningKeyJSON>("GET", "signing-key"),
  };
}

/** The contract report as the text a test prints. */
export { formatContractReport } from "../spec/format-report";
/** Svix signing as the local Clerk does it, for tests that forge or replay deliveries. */
export { webhookHeaders, webhookKey, webhookSignature } from "../webhooks/signing";
