// Test users made through the Backend API with the real @clerk/backend client, one set per test.
import { randomUUID } from "node:crypto";
import { createClerkClient } from "@clerk/backend";
import { test as base } from "@playwright/test";
import { DEFAULT_SECRET_KEY } from "../../clerk-local/config";
import { E2E_CLERK_URL } from "./ports";

export const clerkBackend = createClerkClient({
  secretKey: process.env.CLERK_SECRET_KEY || DEFAULT_SECRET_KEY,
  apiUrl: process.env.CLERK_API_URL || E2E_CLERK_URL,
});

export type TestUser = { id: string; email: string; password: string; firstName: string; lastName: string };

type UserFactory = (overrides?: Partial<Omit<TestUser, "id">>) => Promise<TestUser>;

export const test = base.extend<{ createUser: UserFactory }>({
  createUser: async ({}, use) => {
    const made: string[] = [];
    await use(async (overrides = {}) => {
      const tag = randomUUID().slice(0, 8);
      const wanted = {
        email: `e2e-${tag}+clerk_test@example.com`,
        password: `pw-${randomUUID()}`,
        firstName: "Test",
        lastName: `User ${tag}`,
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
