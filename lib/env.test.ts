import { describe, expect, it } from "vitest";

import { DEFAULT_USER_CACHE_TTL_SECONDS, InvalidEnvError, parseServerEnv, userCacheTtlSeconds } from "@/lib/env";

const PUBLISHABLE_KEY = "pk_test_Y2xlcmstbG9jYWwuY2xlcmsuYWNjb3VudHMuZGV2JA";
const SECRET_KEY = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
const PEM = [
  "-----BEGIN PUBLIC KEY-----",
  "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo",
  "4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u",
  "-----END PUBLIC KEY-----",
].join("\n");

const valid = { NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: PUBLISHABLE_KEY, CLERK_SECRET_KEY: SECRET_KEY };

function errorMessage(record: Record<string, string | undefined>): string {
  try {
    parseServerEnv(record);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEnvError);
    return (error as Error).message;
  }
  throw new Error("expected parseServerEnv to throw");
}

describe("parseServerEnv", () => {
  it("accepts both keys and leaves the optional ones unset", () => {
    expect(parseServerEnv(valid)).toEqual({
      ...valid,
      CLERK_JWT_KEY: undefined,
      CLERK_API_URL: undefined,
      NEXT_PUBLIC_CLERK_PROXY_URL: undefined,
    });
  });

  it("accepts live keys, a PEM JWT key and an API URL", () => {
    const env = parseServerEnv({
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_live_Y2xlcmsuZXhhbXBsZS5jb20k",
      CLERK_SECRET_KEY: "sk_live_abc123",
      CLERK_JWT_KEY: PEM,
      CLERK_API_URL: "http://localhost:4010",
    });

    expect(env.CLERK_JWT_KEY).toBe(PEM);
    expect(env.CLERK_API_URL).toBe("http://localhost:4010");
  });

  it("turns a single-line PEM with literal \\n back into lines", () => {
    const env = parseServerEnv({ ...valid, CLERK_JWT_KEY: PEM.replaceAll("\n", "\\n") });

    expect(env.CLERK_JWT_KEY).toBe(PEM);
  });

  it("names each missing required variable", () => {
    const message = errorMessage({});

    expect(message).toContain("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY is not set");
    expect(message).toContain("CLERK_SECRET_KEY is not set");
  });

  it("treats empty strings as unset", () => {
    expect(errorMessage({ ...valid, CLERK_SECRET_KEY: "" })).toContain("CLERK_SECRET_KEY is not set");
    expect(parseServerEnv({ ...valid, CLERK_JWT_KEY: "", CLERK_API_URL: "", NEXT_PUBLIC_CLERK_PROXY_URL: "" })).toEqual({
      ...valid,
      CLERK_JWT_KEY: undefined,
      CLERK_API_URL: undefined,
      NEXT_PUBLIC_CLERK_PROXY_URL: undefined,
    });
  });

  it.each([
    ["NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", "sk_test_swapped", "must start with pk_test_ or pk_live_"],
    ["NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", "pk_test_", "must start with pk_test_ or pk_live_"],
    ["CLERK_SECRET_KEY", "pk_test_swapped", "must start with sk_test_ or sk_live_"],
    ["CLERK_SECRET_KEY", "secret", "must start with sk_test_ or sk_live_"],
    ["CLERK_SECRET_KEY", "sk_test_pasted with a space", "must start with sk_test_ or sk_live_"],
    ["CLERK_JWT_KEY", "not a pem", "must be a PEM public key"],
    ["CLERK_API_URL", "localhost:4010", "must be an http(s) URL"],
    ["CLERK_API_URL", "ftp://clerk.example", "must be an http(s) URL"],
    ["NEXT_PUBLIC_CLERK_PROXY_URL", "127.0.0.1:4010", "must be an http(s) URL"],
  ])("names a malformed %s", (variable, value, expectation) => {
    const message = errorMessage({ ...valid, [variable]: value });

    expect(message).toContain(`${variable} ${expectation}`);
  });

  it("never echoes a value, since one of them is the secret key", () => {
    const message = errorMessage({ ...valid, CLERK_SECRET_KEY: "sk_wrong_but_secret" });

    expect(message).not.toContain("sk_wrong_but_secret");
  });
});

describe("APP_ORIGIN", () => {
  it("reads one origin or a comma-separated list of them", () => {
    expect(parseServerEnv({ ...valid, APP_ORIGIN: "https://example.com" }).APP_ORIGIN).toEqual(["https://example.com"]);
    expect(parseServerEnv({ ...valid, APP_ORIGIN: "https://example.com, https://www.example.com" }).APP_ORIGIN).toEqual([
      "https://example.com",
      "https://www.example.com",
    ]);
    expect(parseServerEnv({ ...valid, APP_ORIGIN: "http://localhost:3000" }).APP_ORIGIN).toEqual(["http://localhost:3000"]);
  });

  it("is unset when blank", () => {
    expect(parseServerEnv({ ...valid, APP_ORIGIN: "" }).APP_ORIGIN).toBeUndefined();
  });

  // A path or a trailing slash would never equal a token's `azp`, and would lock every user out.
  it.each(["https://example.com/", "https://example.com/app", "example.com", "ftp://example.com", "https://example.com,", "https://a.example,nope"])(
    "rejects %s",
    (value) => {
      expect(errorMessage({ ...valid, APP_ORIGIN: value })).toContain("APP_ORIGIN must be one or more origins");
    },
  );
});

describe("cache and webhook settings", () => {
  it("accepts a whsec_ webhook secret and a TTL in whole seconds", () => {
    const env = parseServerEnv({
      ...valid,
      CLERK_WEBHOOK_SIGNING_SECRET: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      USER_CACHE_TTL_SECONDS: "60",
    });

    expect(env.CLERK_WEBHOOK_SIGNING_SECRET).toBe("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    expect(userCacheTtlSeconds(env)).toBe(60);
  });

  it("defaults the TTL to five minutes when unset or blank", () => {
    expect(userCacheTtlSeconds(parseServerEnv(valid))).toBe(DEFAULT_USER_CACHE_TTL_SECONDS);
    expect(userCacheTtlSeconds(parseServerEnv({ ...valid, USER_CACHE_TTL_SECONDS: "" }))).toBe(300);
  });

  it.each([
    ["CLERK_WEBHOOK_SIGNING_SECRET", "sk_test_swapped", "must start with whsec_"],
    ["CLERK_WEBHOOK_SIGNING_SECRET", "whsec_ spaced", "must start with whsec_"],
    ["USER_CACHE_TTL_SECONDS", "5m", "must be a whole number of seconds"],
    ["USER_CACHE_TTL_SECONDS", "0", "must be at least 1"],
    ["USER_CACHE_TTL_SECONDS", "999999999", "must be at most one year"],
  ])("names a malformed %s (%s)", (variable, value, expectation) => {
    expect(errorMessage({ ...valid, [variable]: value })).toContain(`${variable} ${expectation}`);
  });

  it("never echoes the webhook secret", () => {
    expect(errorMessage({ ...valid, CLERK_WEBHOOK_SIGNING_SECRET: "whsec-almost-secret" })).not.toContain("almost-secret");
  });
});
