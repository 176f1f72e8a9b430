// The suite's `test`: test users made through the Backend API with the real @clerk/backend client (one
// set per test, deleted afterwards), and on failure a report of what the user would have seen.
import { randomUUID } from "node:crypto";
import { createClerkClient } from "@clerk/backend";
import { setupClerkTestingToken } from "@clerk/testing/playwright";
import { expect, test as base } from "@playwright/test";
import type { Role } from "../../lib/roles";
import { clerkEnv, REAL_CLERK } from "./clerk-env";
import { ensureClerkSetup } from "./clerk-setup";
import { recordCspViolations, recordNewContexts, type CspViolation } from "./csp-violations";

export const clerkBackend = createClerkClient({ secretKey: clerkEnv.secretKey, apiUrl: clerkEnv.apiUrl });

/** A fresh address per call; `+clerk_test` makes real Clerk accept the 424242 code for it. */
export function testEmail(): string {
  return `e2e-${randomUUID().slice(0, 8)}+clerk_test@example.com`;
}

/** A fresh username per call, within Clerk's default rules (4-64 letters, digits, `_`, `-`). */
export function testUsername(): string {
  return `e2e_${randomUUID().slice(0, 8)}`;
}

export type TestUser = { id: string; email: string; password: string; firstName: string; lastName: string; username?: string };

/** `role` goes into the user's public_metadata, which the session token carries as `metadata`. */
type UserFactory = (overrides?: Partial<Omit<TestUser, "id">> & { role?: Role }) => Promise<TestUser>;

/** Users that a test makes some other way (the sign-up form) and wants deleted afterwards. */
type Cleanup = { deleteUserByEmail: (email: string) => void; deleteUserByUsername: (username: string) => void };

type Fixtures = { createUser: UserFactory; cleanup: Cleanup; diagnostics: void; cspViolations: CspViolation[] };

export const test = base.extend<Fixtures>({
  page: async ({ page }, use) => {
    // Real Clerk's bot protection lets automated browsers through only with a testing token.
    if (REAL_CLERK) {
      await ensureClerkSetup();
      await setupClerkTestingToken({ page });
    }
    await use(page);
  },
  // Every test fails on any Content-Security-Policy violation, in its own page and in any browser it
  // opens; a test that provokes one on purpose takes it out of the list. Checked before `diagnostics`
  // ends, so a failing test's report shows the browser's violation message.
  cspViolations: [
    async ({ browser, context, diagnostics }, use) => {
      void diagnostics;
      const violations: CspViolation[] = [];
      await recordCspViolations(context, violations);
      const stopRecordingNewContexts = recordNewContexts(browser, violations);
      try {
        await use(violations);
      } finally {
        stopRecordingNewContexts();
      }
      expect(violations, "Content-Security-Policy violations the browser reported").toEqual([]);
    },
    { auto: true },
  ],
  diagnostics: [
    async ({ page }, use, testInfo) => {
      const problems: string[] = [];
      page.on("response", (response) => {
        if (response.status() >= 400) problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
      });
      page.on("requestfailed", (request) => {
        const reason = request.failure()?.errorText ?? "";
        // Navigations abort prefetches all the time; that is not a failure anybody sees.
        if (!reason.includes("ERR_ABORTED")) problems.push(`failed ${request.method()} ${request.url()}: ${reason}`);
      });
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(`console error: ${message.text()}`);
      });
      await use();
      if (testInfo.status === testInfo.expectedStatus) return;
      const shown = await page
        .locator("body")
        .innerText({ timeout: 2_000 })
        .catch(() => "(the page was already closed)");
      const report = [
        `URL: ${page.url()}`,
        "--- what the page showed ---",
        shown.slice(0, 3_000),
        "--- requests that failed or answered 4xx/5xx, console errors ---",
        problems.join("\n") || "(none)",
      ].join("\n");
      await testInfo.attach("what the user saw", { body: report, contentType: "text/plain" });
      console.log(`\n[${testInfo.title}]\n${report}\n`);
    },
    { auto: true },
  ],
  cleanup: async ({}, use) => {
    const emails: string[] = [];
    const usernames: string[] = [];
    await use({ deleteUserByEmail: (email) => emails.push(email), deleteUserByUsername: (username) => usernames.push(username) });
    const lists = [
      ...emails.map((email) => clerkBackend.users.getUserList({ emailAddress: [email] })),
      ...usernames.map((username) => clerkBackend.users.getUserList({ username: [username] })),
    ];
    for (const { data } of await Promise.all(lists)) {
      await Promise.all(data.map((user) => clerkBackend.users.deleteUser(user.id).catch(() => undefined)));
    }
  },
  createUser: async ({}, use) => {
    const made: string[] = [];
    await use(async ({ role, ...overrides } = {}) => {
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
        ...(wanted.username ? { username: wanted.username } : {}),
        ...(role ? { publicMetadata: { role } } : {}),
      });
      made.push(user.id);
      return { id: user.id, ...wanted };
    });
    await Promise.all(made.map((id) => clerkBackend.users.deleteUser(id).catch(() => undefined)));
  },
});

export { expect };
