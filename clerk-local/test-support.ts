// Shared by the tests beside it: a local Clerk on a random port, and a tiny HTTP receiver for webhooks.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultConfig, type LocalClerkConfig } from "./config";
import { localClerkControls } from "./controls/client";
import { startLocalClerk, type RunningLocalClerk } from "./server";
import { createClerkClient } from "@clerk/backend";
import { isClerkAPIResponseError } from "@clerk/backend/errors";

export const TEST_SECRET = "sk_test_clerk_local";

export function startTestServer(overrides: Partial<LocalClerkConfig> = {}): Promise<RunningLocalClerk> {
  return startLocalClerk(defaultConfig({ port: 0, ...overrides }), {});
}

export type ReceivedRequest = { headers: Record<string, string>; body: string; request: Request };

export type Receiver = {
  url: string;
  received: ReceivedRequest[];
  close: () => Promise<void>;
};

/** Answers each POST with `answer(request)`'s status; records every request as a web `Request` too. */
export async function startReceiver(answer: (received: ReceivedRequest, index: number) => number | Promise<number>): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(
        Object.entries(req.headers).flatMap(([key, value]) => (typeof value === "string" ? [[key, value]] : [])),
      );
      const request = new Request(`http://receiver${req.url ?? "/"}`, { method: req.method, headers, body });
      const entry = { headers, body, request };
      received.push(entry);
      void Promise.resolve(answer(entry, received.length - 1)).then((status) => {
        res.writeHead(status, { "Content-Type": "text/plain" });
        res.end(String(status));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/clerk`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Polls `check` until it returns true or the time is up. */
export async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for a condition");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export type BackendFixture = { running: RunningLocalClerk; clerk: ReturnType<typeof createClerkClient> };

/**
 * A local Clerk started for the test file and the real @clerk/backend client pointed at it, reset to its
 * start state before each test. Read the fields inside tests (they are set in beforeAll).
 */
export function backendFixturePerFile(): BackendFixture {
  const fixture = {} as BackendFixture;
  beforeAll(async () => {
    fixture.running = await startTestServer();
    fixture.clerk = createClerkClient({ secretKey: TEST_SECRET, apiUrl: fixture.running.url });
  });
  afterAll(() => fixture.running.close());
  beforeEach(async () => {
    await localClerkControls(fixture.running.url).reset();
  });
  return fixture;
}

/** The ClerkAPIResponseError a call rejects with; fails the test if it resolves or throws anything else. */
export async function clerkApiError(call: Promise<unknown>) {
  const error: unknown = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isClerkAPIResponseError(error)) throw new Error(`expected a ClerkAPIResponseError, got ${String(error)}`);
  return error;
}
