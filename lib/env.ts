import * as z from "./zod";

// No `import "server-only"`: next.config.ts loads this in plain Node, where the guard throws
// (docs/security.md#secrets-and-the-environment).

// Dashboards and CI forms often save an unset variable as "".
const blankAsUnset = (value: unknown) => (value === "" ? undefined : value);

const notSet = (issue: { input?: unknown }) =>
  issue.input === undefined ? "is not set" : "must be a string";

// Not trimmed: Clerk reads these variables itself, so stray whitespace must fail here, not there.
const requiredKey = (pattern: RegExp, expectation: string) =>
  z.pipe(z.transform(blankAsUnset), z.string({ error: notSet }).check(z.regex(pattern, expectation)));

const optional = <T extends z.ZodMiniType>(schema: T) => z.pipe(z.transform(blankAsUnset), z.optional(schema));

/** The backstop for a missed webhook; real changes arrive as webhooks. */
export const DEFAULT_USER_CACHE_TTL_SECONDS = 300;
const MAX_USER_CACHE_TTL_SECONDS = 365 * 24 * 3600;

const PEM_HEADER = "-----BEGIN PUBLIC KEY-----";
const PEM_FOOTER = "-----END PUBLIC KEY-----";

function isWebOrigin(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value;
}

export const ServerEnvSchema = z.object({
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: requiredKey(
    /^pk_(test|live)_[A-Za-z0-9+/]+=*$/,
    "must start with pk_test_ or pk_live_ followed by the encoded Frontend API host",
  ),
  CLERK_SECRET_KEY: requiredKey(/^sk_(test|live)_\S+$/, "must start with sk_test_ or sk_live_"),
  CLERK_JWT_KEY: optional(
    z.pipe(
      z.string(),
      // Single-line secret stores keep PEM line breaks as a literal "\n".
      z.transform((pem: string) => pem.replaceAll("\\n", "\n").trim()),
    ).check(
      z.refine((pem) => pem.startsWith(PEM_HEADER) && pem.endsWith(PEM_FOOTER), {
        error: `must be a PEM public key (${PEM_HEADER} ... ${PEM_FOOTER})`,
      }),
    ),
  ),
  // Session tokens must then name one of these origins as `azp` (docs/security.md#azp-and-app_origin).
  APP_ORIGIN: optional(
    z.pipe(
      z.string(),
      z.transform((list: string) => list.split(",").map((origin) => origin.trim())),
    ).check(
      z.refine((origins) => origins.every(isWebOrigin), {
        error: "must be one or more origins such as https://example.com (scheme and host, no path), separated by commas",
      }),
    ),
  ),
  CLERK_API_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
  // Frontend API host other than Clerk's (the local Clerk); the CSP must allow it.
  NEXT_PUBLIC_CLERK_PROXY_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
  // Optional: without it cached profiles fall back to their TTL.
  CLERK_WEBHOOK_SIGNING_SECRET: optional(
    z.string().check(z.regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, "must start with whsec_ followed by the base64 signing key")),
  ),
  USER_CACHE_TTL_SECONDS: optional(
    z.pipe(
      z.pipe(z.string().check(z.regex(/^\d+$/, "must be a whole number of seconds")), z.transform(Number)),
      z.int().check(z.minimum(1, "must be at least 1"), z.maximum(MAX_USER_CACHE_TTL_SECONDS, "must be at most one year")),
    ),
  ),
});

export type ServerEnv = z.infer<typeof ServerEnvSchema>;

export class InvalidEnvError extends Error {
  override name = "InvalidEnvError";
}

/** The error names every bad variable but never echoes a value: one of them is a secret. */
export function parseServerEnv(record: Readonly<Record<string, string | undefined>>): ServerEnv {
  const result = ServerEnvSchema.safeParse(record);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  - ${issue.path.join(".")} ${issue.message}`);
  throw new InvalidEnvError(
    `Invalid environment variables (set them in the deployment or in .env.local):\n${problems.join("\n")}`,
  );
}

let cached: ServerEnv | undefined;

/** Parsed on first use so that importing this module never throws. */
export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv({
    // One by one, so a production server validates the publishable key Next inlined at build time.
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
    CLERK_SECRET_KEY: process.env.CLERK_SECRET_KEY,
    CLERK_JWT_KEY: process.env.CLERK_JWT_KEY,
    APP_ORIGIN: process.env.APP_ORIGIN,
    CLERK_API_URL: process.env.CLERK_API_URL,
    NEXT_PUBLIC_CLERK_PROXY_URL: process.env.NEXT_PUBLIC_CLERK_PROXY_URL,
    CLERK_WEBHOOK_SIGNING_SECRET: process.env.CLERK_WEBHOOK_SIGNING_SECRET,
    USER_CACHE_TTL_SECONDS: process.env.USER_CACHE_TTL_SECONDS,
  });
  return cached;
}

export function userCacheTtlSeconds(env: Pick<ServerEnv, "USER_CACHE_TTL_SECONDS">): number {
  return env.USER_CACHE_TTL_SECONDS ?? DEFAULT_USER_CACHE_TTL_SECONDS;
}
