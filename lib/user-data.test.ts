import { createClerkClient, type User } from "@clerk/backend";
import { afterEach, describe, expect, it, vi } from "vitest";

import { clerkJsonResponse, clerkUserJson } from "@/test/clerk-user-json";
import { fullName, toUserData, UserDataSchema } from "@/lib/user-data";

// @clerk/backend exports User as a type only, so a real instance comes the way the app gets one:
// getUser() through the SDK, against a stubbed fetch.
async function userFromJson(json: unknown): Promise<User> {
  vi.stubGlobal("fetch", vi.fn(async () => clerkJsonResponse(json)));
  const client = createClerkClient({ secretKey: "sk_test_unit", apiUrl: "https://api.clerk.test" });
  return client.users.getUser("user_2Zf9kQ1rX8mT4vB7nL3pW6yH0cJ");
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("toUserData", () => {
  it("maps a Clerk user to exactly the seven UserData fields, snake_case", async () => {
    const userData = toUserData(await userFromJson(clerkUserJson()));

    expect(userData).toEqual({
      id: "user_2Zf9kQ1rX8mT4vB7nL3pW6yH0cJ",
      username: "ada",
      first_name: "Ada",
      last_name: "Lovelace",
      profile_image_url: "https://img.clerk.com/eyJ0eXBlIjoicHJveHkiLCJzcmMiOiJhZGEifQ",
      primary_email_address_id: "idn_2Zf9kRa1bC2dE3fG4hI5jK6lM7n",
      email_addresses: [
        {
          id: "idn_2Zf9kRa1bC2dE3fG4hI5jK6lM7n",
          object: "email_address",
          email_address: "ada@example.com",
          reserved: false,
          verification: { status: "verified", strategy: "email_code", attempts: 1, expire_at: 1735689600000 },
          linked_to: [],
        },
        {
          id: "idn_2Zf9kSb2cD3eF4gH5iJ6kL7mN8o",
          object: "email_address",
          email_address: "ada.lovelace@gmail.example",
          reserved: false,
          verification: { status: "verified", strategy: "from_oauth_google", attempts: null, expire_at: null },
          linked_to: [{ type: "oauth_google", id: "idn_2Zf9kTc3dE4fG5hI6jK7lM8nO9p" }],
        },
        {
          id: "idn_2Zf9kUd4eF5gH6iJ7kL8mN9oP0q",
          object: "email_address",
          email_address: "ada+work@example.com",
          reserved: false,
          verification: null,
          linked_to: [],
        },
      ],
    });
  });

  it("keeps Clerk's nulls for a user without names, username or primary email", async () => {
    const json = {
      ...clerkUserJson(),
      username: null,
      first_name: null,
      last_name: null,
      primary_email_address_id: null,
      email_addresses: [],
    };

    const userData = toUserData(await userFromJson(json));

    expect(userData).toMatchObject({
      username: null,
      first_name: null,
      last_name: null,
      primary_email_address_id: null,
      email_addresses: [],
    });
  });

  it("rejects a user whose email address lacks a field UserData promises", async () => {
    const json = clerkUserJson();
    const emails: Record<string, unknown>[] = json.email_addresses.map((email) => ({ ...email }));
    delete emails[0]?.reserved;

    const user = await userFromJson({ ...json, email_addresses: emails });

    expect(() => toUserData(user)).toThrow(/reserved/);
  });
});

describe("UserDataSchema", () => {
  it("rejects extra keys, at the top level and inside an email address", async () => {
    const userData = toUserData(await userFromJson(clerkUserJson()));

    expect(UserDataSchema.safeParse({ ...userData, private_metadata: {} }).success).toBe(false);
    const [email] = userData.email_addresses;
    expect(
      UserDataSchema.safeParse({ ...userData, email_addresses: [{ ...email, created_at: 1 }] }).success,
    ).toBe(false);
  });

  it("rejects a missing field", async () => {
    const withoutUsername: Record<string, unknown> = toUserData(await userFromJson(clerkUserJson()));
    delete withoutUsername.username;

    expect(UserDataSchema.safeParse(withoutUsername).success).toBe(false);
  });
});

describe("fullName", () => {
  it("joins the parts Clerk has", () => {
    expect(fullName({ first_name: "Ada", last_name: "Lovelace" })).toBe("Ada Lovelace");
    expect(fullName({ first_name: "Ada", last_name: null })).toBe("Ada");
    expect(fullName({ first_name: null, last_name: null })).toBeNull();
  });
});
