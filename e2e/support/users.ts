// Test users made through the Backend API with the real @clerk/backend client, one set per test.
import { randomUUID } from "node:crypto";
import { createClerkClient } from "@clerk/backend";
import { test as base } from "@playwright/test";
import { clerkEnv } from "./clerk-env";

export const clerkBackend = createClerkClient({ secretKey: clerkEnv.secretKey, apiUrl: clerkEnv.apiUrl });

/** A fresh address per call; `+clerk_test` makes real Clerk accept the 424242 code for it. */
export function testEmail(): string {
  return `e2e-${randomUUID().slice(0, 8)}+clerk_test@example.com`;
}

export type TestUser = { id: string; email: string; password: string; firstName: string; lastName: string };

type UserFactory = (overrides?: Partial<Omit<TestUser, "id">>) => Promise<TestUser>;

/** Users that a test makes some other way (the sign-up form) and wants deleted afterwards. */
type Cleanup = { deleteUserByEmail: (email: string) => void };

export const test = base.extend<{ createUser: UserFactory; cleanup: Cleanup }>({
  cleanup: async ({}, use) => {
    const emails: string[] = [];
    await use({ deleteUserByEmail: (email) => emails.push(email) });
    for (const email of emails) {
      const { data } = await clerkBackend.users.getUserList({ emailAddress: [email] });
      await Promise.all(data.map((user) => clerkBackend.users.deleteUser(user.id).catch(() => undefined)));
    }
  },
  createUser: async ({}, use) => {
    const made: string[] = [];
    await use(async (overrides = {}) => {
      const email = testEmail();
      const wanted = {
        email,
        password: `pw-${randomUUID()}`,
        firstName: "Test",
        lastName: `User ${email.slice(4, 12)}`,
        ...overrides,
      };
      const user = await clerkBackend.users.createUser({
        emailAddress: [wanted.email],
        password: wanted.password,
        firstName: wanted.firstName,
        lastName: wanted.lastName,
      });
      made.push(user.id);
      return { id: user.id, ...wanted };
    });
    await Promise.all(made.map((id) => clerkBackend.users.deleteUser(id).catch(() => undefined)));
  },
});

export { expect } from "@playwright/test";
