// The settings that change while the local Clerk runs (`PUT /__clerk_local/config`): latency and
// faults of both APIs and of the static bundles, the token lifetime, webhook delivery. One zod schema
// gives their JSON shape, their type, their validation and their error messages.
import { z } from "zod";
import { httpUrl, parseInput, wholeNumber } from "../http/input";

export const MAX_LATENCY_MS = 60_000;
export const MAX_TOKEN_TTL_S = 24 * 3600;
const MAX_RETRY_DELAY_MS = 3_600_000;
const MAX_RETRIES = 10;

export const BUNDLES = ["clerk-js", "ui"] as const;
export type Bundle = (typeof BUNDLES)[number];

const rate = z
  .number({ error: "must be a number from 0 to 1" })
  .min(0, { error: "must be a number from 0 to 1" })
  .max(1, { error: "must be a number from 0 to 1" })
  .default(1);

/** Either an HTTP status or `"mode": "timeout"` (a request that hangs), never both. */
function eitherStatusOrMode<T extends { status?: unknown; mode?: unknown }>(fault: T, context: z.RefinementCtx): void {
  if (fault.status !== undefined && fault.mode !== undefined) context.addIssue({ code: "custom", message: "takes either status or mode, not both" });
  if (fault.status === undefined && fault.mode === undefined) context.addIssue({ code: "custom", path: ["status"], message: "or mode must be given" });
}

const timeoutMode = z.literal("timeout", { error: 'must be "timeout"' }).optional();

/** A fault an API injects into a fraction (`rate`) of its requests. */
const ApiFaultSchema = z
  .strictObject(
    { status: z.literal([429, 500, 503], { error: "must be 429, 500 or 503" }).optional(), mode: timeoutMode, rate },
    { error: '{"status": 429|500|503, "rate": 0..1} or {"mode": "timeout", "rate": 0..1} expected' },
  )
  .superRefine(eitherStatusOrMode)
  .transform((fault): ApiFault => (fault.mode ? { mode: "timeout", rate: fault.rate } : { status: fault.status!, rate: fault.rate }));

/** The static clerk-js and UI bundles failing like a CDN outage; `bundle` null hits both. */
const BundleFaultSchema = z
  .strictObject(
    {
      status: z.literal(404, { error: "must be 404" }).optional(),
      mode: timeoutMode,
      rate,
      bundle: z.enum(BUNDLES, { error: 'must be "clerk-js", "ui" or null (both)' }).nullable().default(null),
    },
    { error: '{"status": 404} or {"mode": "timeout"}, with "rate": 0..1 and "bundle": "clerk-js"|"ui"|null, expected' },
  )
  .superRefine(eitherStatusOrMode)
  .transform(({ status, mode, ...which }): BundleFault => (mode ? { mode, ...which } : { status: status!, ...which }));

export type ApiFault = { status: 429 | 500 | 503; rate: number } | { mode: "timeout"; rate: number };
export type BundleFault = ({ status: 404 } | { mode: "timeout" }) & { rate: number; bundle: Bundle | null };

const LiveSettingsShape = {
  /** Added before every Backend API response, like the network and Clerk's own latency. */
  bapi_latency_ms: wholeNumber(0, MAX_LATENCY_MS),
  bapi_fault: ApiFaultSchema.nullable(),
  /** Added before every Frontend API response (CORS preflights excepted): a slow network or Clerk. */
  fapi_latency_ms: wholeNumber(0, MAX_LATENCY_MS),
  fapi_fault: ApiFaultSchema.nullable(),
  bundle_fault: BundleFaultSchema.nullable(),
  /** Lifetime of a session token, in seconds (Clerk's is 60). */
  token_ttl_s: wholeNumber(1, MAX_TOKEN_TTL_S),
  /** Where webhooks are delivered; null delivers none. */
  webhook_url: httpUrl.nullable(),
  /** Wait before each retry of a failed delivery; its length + 1 is the number of attempts. */
  webhook_retry_delays_ms: z
    .array(wholeNumber(0, MAX_RETRY_DELAY_MS), { error: `must be a list of at most ${MAX_RETRIES} delays` })
    .max(MAX_RETRIES, { error: `must be a list of at most ${MAX_RETRIES} delays` }),
};

export const LiveSettingsSchema = z.strictObject(LiveSettingsShape);
export const LiveSettingsUpdateSchema = z.strictObject(LiveSettingsShape).partial();

export type LiveSettingsJSON = z.output<typeof LiveSettingsSchema>;
export type LiveSettingsUpdate = z.output<typeof LiveSettingsUpdateSchema>;
/** What `PUT /__clerk_local/config` takes: faults may leave out their defaults. */
export type LiveSettingsInput = z.input<typeof LiveSettingsUpdateSchema>;

export const DEFAULT_LIVE_SETTINGS: LiveSettingsJSON = {
  bapi_latency_ms: 0,
  bapi_fault: null,
  fapi_latency_ms: 0,
  fapi_fault: null,
  bundle_fault: null,
  token_ttl_s: 60,
  webhook_url: null,
  webhook_retry_delays_ms: [500, 1000, 2000, 4000],
};

/** A partial update parsed whole, so a bad field changes nothing; errors are Clerk's 422s. */
export function parseLiveSettingsUpdate(body: unknown): LiveSettingsUpdate {
  return parseInput(LiveSettingsUpdateSchema, body, { everyProblemCode: "form_param_value_invalid" });
}

/** The settings of a running server; reset goes back to the ones it started with. */
export class LiveSettings {
  #current: LiveSettingsJSON;
  readonly #initial: LiveSettingsJSON;
  readonly #listeners: ((update: LiveSettingsUpdate) => void)[] = [];

  constructor(initial: LiveSettingsJSON) {
    this.#initial = structuredClone(parseInput(LiveSettingsSchema, initial, { everyProblemCode: "form_param_value_invalid" }));
    this.#current = structuredClone(this.#initial);
  }

  get(): Readonly<LiveSettingsJSON> {
    return this.#current;
  }

  update(update: LiveSettingsUpdate): Readonly<LiveSettingsJSON> {
    this.#current = { ...this.#current, ...structuredClone(update) };
    for (const listener of this.#listeners) listener(update);
    return this.#current;
  }

  reset(): void {
    this.update(structuredClone(this.#initial));
  }

  /** Called after every update (and reset) with the fields it set. */
  onUpdate(listener: (update: LiveSettingsUpdate) => void): void {
    this.#listeners.push(listener);
  }
}
