// The settings that change while the local Clerk runs: read and written as JSON under
// `/__clerk_local/config`, validated strictly so a typo never silently does nothing.
import { BUNDLES, type ApiFault, type BundleFault, type LocalClerkConfig } from "../config";
import { ClerkError, formError } from "../http/errors";

export type LiveConfigJSON = {
  bapi_latency_ms: number;
  bapi_fault: ApiFault | null;
  fapi_latency_ms: number;
  fapi_fault: ApiFault | null;
  bundle_fault: BundleFault | null;
  token_ttl_s: number;
  webhook_url: string | null;
  webhook_retry_delays_ms: number[];
};

type LiveConfigUpdate = Partial<
  Pick<
    LocalClerkConfig,
    | "bapiLatencyMs"
    | "bapiFault"
    | "fapiLatencyMs"
    | "fapiFault"
    | "bundleFault"
    | "tokenTtlSeconds"
    | "webhookUrl"
    | "webhookRetryDelaysMs"
  >
>;

export const MAX_LATENCY_MS = 60_000;
export const MAX_TOKEN_TTL_S = 24 * 3600;
const MAX_RETRY_DELAY_MS = 3_600_000;
const MAX_RETRIES = 10;
const API_FAULT_STATUSES = [429, 500, 503] as const;

export function liveConfigJSON(config: LocalClerkConfig): LiveConfigJSON {
  return {
    bapi_latency_ms: config.bapiLatencyMs,
    bapi_fault: config.bapiFault,
    fapi_latency_ms: config.fapiLatencyMs,
    fapi_fault: config.fapiFault,
    bundle_fault: config.bundleFault,
    token_ttl_s: config.tokenTtlSeconds,
    webhook_url: config.webhookUrl,
    webhook_retry_delays_ms: [...config.webhookRetryDelaysMs],
  };
}

const invalid = (param: string, message: string) => formError("form_param_value_invalid", message, param);

function wholeNumber(value: unknown, param: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(param, `${param} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** The fields of a fault object, checked against the ones its kind takes; `rate` defaults to 1. */
function faultFields(value: unknown, param: string, known: string[], shape: string): { fields: Record<string, unknown>; rate: number } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid(param, `${param} must be null or ${shape}`);
  }
  const fields = value as Record<string, unknown>;
  const unknown = Object.keys(fields).find((key) => !known.includes(key));
  if (unknown) throw formError("form_param_unknown", `${param}.${unknown} is not a known field`, `${param}.${unknown}`);
  const rate = fields.rate === undefined ? 1 : fields.rate;
  if (typeof rate !== "number" || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw invalid(`${param}.rate`, `${param}.rate must be a number from 0 to 1`);
  }
  if (fields.mode !== undefined && fields.status !== undefined) {
    throw invalid(param, `${param} takes either status or mode, not both`);
  }
  if (fields.mode !== undefined && fields.mode !== "timeout") {
    throw invalid(`${param}.mode`, `${param}.mode must be "timeout"`);
  }
  return { fields, rate };
}

function apiFault(value: unknown, param: string): ApiFault | null {
  if (value === null) return null;
  const shape = '{"status": 429|500|503, "rate": 0..1} or {"mode": "timeout", "rate": 0..1}';
  const { fields, rate } = faultFields(value, param, ["status", "mode", "rate"], shape);
  if (fields.mode !== undefined) return { mode: "timeout", rate };
  const status = API_FAULT_STATUSES.find((allowed) => allowed === fields.status);
  if (!status) throw invalid(`${param}.status`, `${param}.status must be 429, 500 or 503`);
  return { status, rate };
}

function bundleFault(value: unknown): BundleFault | null {
  if (value === null) return null;
  const param = "bundle_fault";
  const shape = '{"status": 404} or {"mode": "timeout"}, with "rate": 0..1 and "bundle": "clerk-js"|"ui"|null';
  const { fields, rate } = faultFields(value, param, ["status", "mode", "rate", "bundle"], shape);
  const bundle = fields.bundle ?? null;
  if (bundle !== null && !BUNDLES.some((name) => name === bundle)) {
    throw invalid(`${param}.bundle`, `${param}.bundle must be "clerk-js", "ui" or null (both)`);
  }
  const which = { rate, bundle: bundle as BundleFault["bundle"] };
  if (fields.mode !== undefined) return { mode: "timeout", ...which };
  if (fields.status !== 404) throw invalid(`${param}.status`, `${param}.status must be 404`);
  return { status: 404, ...which };
}

function webhookUrl(value: unknown): string | null {
  if (value === null) return null;
  let url: URL | null = null;
  try {
    url = typeof value === "string" && value.length <= 2048 ? new URL(value) : null;
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw invalid("webhook_url", "webhook_url must be null or an absolute http(s) URL");
  }
  return url.toString();
}

function retryDelays(value: unknown): number[] {
  if (!Array.isArray(value) || value.length > MAX_RETRIES) {
    throw invalid("webhook_retry_delays_ms", `webhook_retry_delays_ms must be a list of at most ${MAX_RETRIES} delays`);
  }
  return value.map((delay) => wholeNumber(delay, "webhook_retry_delays_ms", 0, MAX_RETRY_DELAY_MS));
}

/** Parses a whole update first, so a bad field changes nothing. */
export function parseLiveConfigUpdate(body: Record<string, unknown>): LiveConfigUpdate {
  const update: LiveConfigUpdate = {};
  for (const [key, value] of Object.entries(body)) {
    switch (key) {
      case "bapi_latency_ms":
        update.bapiLatencyMs = wholeNumber(value, key, 0, MAX_LATENCY_MS);
        break;
      case "bapi_fault":
        update.bapiFault = apiFault(value, key);
        break;
      case "fapi_latency_ms":
        update.fapiLatencyMs = wholeNumber(value, key, 0, MAX_LATENCY_MS);
        break;
      case "fapi_fault":
        update.fapiFault = apiFault(value, key);
        break;
      case "bundle_fault":
        update.bundleFault = bundleFault(value);
        break;
      case "token_ttl_s":
        update.tokenTtlSeconds = wholeNumber(value, key, 1, MAX_TOKEN_TTL_S);
        break;
      case "webhook_url":
        update.webhookUrl = webhookUrl(value);
        break;
      case "webhook_retry_delays_ms":
        update.webhookRetryDelaysMs = retryDelays(value);
        break;
      default:
        throw formError("form_param_unknown", `${key.slice(0, 100)} is not a setting of the local Clerk`, key.slice(0, 100));
    }
  }
  return update;
}

/**
 * Writes the update into the config object itself: every reader (the token minting in tokens/tokens.ts
 * reads `config.tokenTtlSeconds`) sees the new value on its next request.
 */
export function applyLiveConfigUpdate(config: LocalClerkConfig, update: LiveConfigUpdate): void {
  Object.assign(config, update);
}

/** The live settings a start-up config holds, checked like an update (env values arrive here). */
export function assertValidLiveConfig(config: LocalClerkConfig): void {
  try {
    parseLiveConfigUpdate(liveConfigJSON(config));
  } catch (error) {
    if (error instanceof ClerkError) throw new Error(`Invalid local Clerk setting: ${error.init.message}`);
    throw error;
  }
}

export function snapshotLiveConfig(config: LocalClerkConfig): LiveConfigUpdate {
  return {
    bapiLatencyMs: config.bapiLatencyMs,
    bapiFault: config.bapiFault ? { ...config.bapiFault } : null,
    fapiLatencyMs: config.fapiLatencyMs,
    fapiFault: config.fapiFault ? { ...config.fapiFault } : null,
    bundleFault: config.bundleFault ? { ...config.bundleFault } : null,
    tokenTtlSeconds: config.tokenTtlSeconds,
    webhookUrl: config.webhookUrl,
    webhookRetryDelaysMs: [...config.webhookRetryDelaysMs],
  };
}
