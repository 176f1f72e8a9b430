import { describe, expect, it } from "vitest";

import { openVerifiedApiKey, sealVerifiedApiKey } from "@/lib/server/verified-api-key";

const SECRET_KEY = "sk_test_sealing_unit";
const KEY = { id: `ak_${"a".repeat(32)}`, userId: "user_ada", scopes: ["read"] };
const NOW = 1_700_000_000_000;

describe("the verified-key header", () => {
  it("opens what the proxy sealed, with the same secret key, shortly after", () => {
    const sealed = sealVerifiedApiKey(KEY, SECRET_KEY, NOW);
    expect(openVerifiedApiKey(sealed, SECRET_KEY, NOW + 1_000)).toEqual(KEY);
  });

  it("opens nothing else: no header, another key's signature, a changed payload, an old header, junk", () => {
    const sealed = sealVerifiedApiKey(KEY, SECRET_KEY, NOW);
    const [payload, mac] = sealed.split(".");
    const forged = Buffer.from(JSON.stringify({ ...KEY, userId: "user_admin", at: NOW })).toString("base64url");

    expect(openVerifiedApiKey(null, SECRET_KEY, NOW)).toBeNull();
    expect(openVerifiedApiKey(sealed, "sk_test_another", NOW)).toBeNull();
    expect(openVerifiedApiKey(`${forged}.${mac}`, SECRET_KEY, NOW)).toBeNull();
    expect(openVerifiedApiKey(sealed, SECRET_KEY, NOW + 31_000)).toBeNull();
    expect(openVerifiedApiKey(`${payload}.${mac}.x`, SECRET_KEY, NOW)).toBeNull();
    expect(openVerifiedApiKey("user_ada", SECRET_KEY, NOW)).toBeNull();
  });
});
