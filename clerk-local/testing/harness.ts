// The one harness of the package's tests: a local Clerk in-process (`app.request()`) or over HTTP (a real
// port), reached the same way either way: `bapi` as @clerk/backend calls it, `devBrowser()` and
// `signIn()` as clerk-js does, and the controls client. Tests read state through these, never the store.
import { createClerkClient } from "@clerk/backend";
import { isClerkAPIResponseError } from "@clerk/backend/errors";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { createApp, type LocalClerkApp } from "../app";
import { defaultConfig, DEMO_USER, DEFAULT_SECRET_KEY, withOverrides, type ConfigOverrides } from "../config";
import { localClerkControls, type LocalClerkControls } from "../controls/client";
import { startLocalClerk } from "../server";
import type { Services } from "../services";
import type { InstanceInput } from "../settings/instance";

export const TEST_SECRET = DEFAULT_SECRET_KEY;
export const APP_ORIGIN = "http://localhost:3000";
export const CHROME_ON_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
export const SAFARI_ON_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

type Fetch = (path: string, init?: RequestInit) => Promise<Response>;

export type BapiOptions = { secret?: string; contentType?: string; headers?: Record<string, string> };

export type FormBody = Record<string, string> | FormData | string;

/** A browser as clerk-js drives the Frontend API: its dev browser token, form bodies, tunnelled methods. */
export type TestBrowser = {
  token: string;
  call: (method: string, path: string, body?: FormBody, headers?: Record<string, string>) => Promise<Response>;
};

export type TestClerk = {
  /** Where it is reached: the server's URL, or `http://clerk.local` in-process. */
  url: string;
  /** In-process only, for the few tests about the process itself (held requests, the outage hook). */
  services: Services;
  request: Fetch;
  controls: LocalClerkControls;
  /** A Backend API call with the secret key (or `secret`), a JSON body as @clerk/backend sends it. */
  bapi: (method: string, path: string, body?: unknown, options?: BapiOptions) => Promise<Response>;
  devBrowser: (userAgent?: string) => Promise<TestBrowser>;
  close: () => Promise<void>;
};

function harness(request: Fetch, url: string, services: Services, close: () => Promise<void>): TestClerk {
  const bapi: TestClerk["bapi"] = (method, path, body, options = {}) =>
    request(path, {
      method,
      headers: { Authorization: `Bearer ${options.secret ?? TEST_SECRET}`, "Content-Type": options.contentType ?? "application/json", ...options.headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  const devBrowser = async (userAgent = CHROME_ON_WINDOWS): Promise<TestBrowser> => {
    const response = await request("/v1/dev_browser", { method: "POST" });
    if (response.status !== 200) throw new Error(`dev_browser answered ${response.status}`);
    const { id: token } = (await response.json()) as { id: string };
    const call: TestBrowser["call"] = (method, path, body, headers = {}) => {
      const target = new URL(path, "http://clerk.local");
      target.searchParams.set("__clerk_db_jwt", token);
      if (method !== "GET" && method !== "POST") target.searchParams.set("_method", method);
      const isForm = body !== undefined && !(body instanceof FormData) && typeof body !== "string";
      return request(`${target.pathname}${target.search}`, {
        method: method === "GET" ? "GET" : "POST",
        headers: {
          Origin: APP_ORIGIN,
          "User-Agent": userAgent,
          ...(isForm ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
          ...headers,
        },
        body: isForm ? new URLSearchParams(body).toString() : body,
      });
    };
    return { token, call };
  };
  return { url, services, request, controls: localClerkControls(url, (input, init) => request(new URL(String(input)).pathname, init)), bapi, devBrowser, close };
}

/** A local Clerk answering `app.request()` calls, with no port: the fastest, for most tests. */
export async function inProcess(overrides: ConfigOverrides = {}): Promise<TestClerk & { app: LocalClerkApp }> {
  const local = await createApp(withOverrides(defaultConfig({ port: 0 }), overrides));
  const request: Fetch = async (path, init) => local.app.request(path, init);
  return { ...harness(request, "http://clerk.local", local.services, local.close), app: local };
}

/** A local Clerk on a free port, for tests of what only a real server does (the SDKs, timeouts, outages). */
export async function overHttp(overrides: ConfigOverrides = {}): Promise<TestClerk & { port: number; appEnv: Record<string, string> }> {
  const running = await startLocalClerk(withOverrides(defaultConfig({ port: 0 }), overrides), {});
  const request: Fetch = (path, init) => fetch(`${running.url}${path}`, init);
  return { ...harness(request, running.url, running.services, running.close), port: running.port, appEnv: running.appEnv };
}

/** The real @clerk/backend client pointed at a local Clerk over HTTP. */
export function backendClient(clerk: Pick<TestClerk, "url">, secretKey = TEST_SECRET) {
  return createClerkClient({ secretKey, apiUrl: clerk.url });
}

/**
 * One local Clerk over HTTP for the test file, reset to its start state before each test, with the real
 * @clerk/backend client pointed at it. Read the fields inside tests (they are set in beforeAll).
 */
type ServerFixture = { clerk: Awaited<ReturnType<typeof overHttp>>; backend: ReturnType<typeof backendClient> };

export function serverPerFile(overrides: ConfigOverrides = {}, instance?: InstanceInput): ServerFixture {
  const fixture = {} as ServerFixture;
  beforeAll(async () => {
    fixture.clerk = await overHttp(overrides);
    fixture.backend = backendClient(fixture.clerk);
  });
  afterAll(() => fixture.clerk.close());
  beforeEach(async () => {
    await fixture.clerk.controls.reset();
    if (instance) await fixture.clerk.controls.setInstance(instance);
  });
  return fixture;
}

/** An instance with usernames turned on (optional, usable to sign in), like the app's own. */
export const WITH_USERNAMES: InstanceInput = {
  user_settings: { attributes: { username: { enabled: true, used_for_first_factor: true } } },
};

/** An instance with phone numbers (optional, verified by SMS code at sign-up, usable to sign in) and email optional. */
export const WITH_PHONES: InstanceInput = {
  user_settings: {
    attributes: {
      email_address: { required: false },
      phone_number: { enabled: true, used_for_first_factor: true, first_factors: ["phone_code"], verifications: ["phone_code"], verify_at_sign_up: true },
    },
  },
};

/** A user as the Backend API answers it (the fields the tests read). */
export type BackendUserJSON = {
  id: string;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  image_url: string;
  has_image: boolean;
  primary_email_address_id: string | null;
  email_addresses: { id: string; email_address: string; verification: { status: string; strategy: string } | null }[];
  phone_numbers: { id: string; phone_number: string; verification: { status: string; strategy: string } | null }[];
  public_metadata: Record<string, unknown>;
  private_metadata: Record<string, unknown>;
  unsafe_metadata: Record<string, unknown>;
  updated_at: number;
};

/** The user with this email address, read through the Backend API; undefined when nobody has it. */
export async function userByEmail(clerk: Pick<TestClerk, "bapi">, email: string): Promise<BackendUserJSON | undefined> {
  return (await jsonOf<BackendUserJSON[]>(await clerk.bapi("GET", `/v1/users?email_address=${encodeURIComponent(email)}`)))[0];
}

/** A session's status, read through the Backend API. */
export async function sessionStatus(clerk: Pick<TestClerk, "bapi">, sessionId: string): Promise<string> {
  return (await jsonOf<{ status: string }>(await clerk.bapi("GET", `/v1/sessions/${sessionId}`))).status;
}

/** Whether `password` is the user's, asked the Backend API's way. */
export async function passwordIs(clerk: Pick<TestClerk, "bapi">, userId: string, password: string): Promise<boolean> {
  return (await clerk.bapi("POST", `/v1/users/${userId}/verify_password`, { password })).status === 200;
}

/** Resolves once the server has no webhook delivery left to make. */
export async function webhooksSettled(clerk: Pick<TestClerk, "controls">, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await clerk.controls.webhooks()).pending > 0) {
    if (Date.now() > deadline) throw new Error("webhook deliveries still pending");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Signs `browser` in with a password and sets the session active, as <SignIn/> does; the session id. */
export async function signIn(browser: TestBrowser, identifier: string = DEMO_USER.email, password: string = DEMO_USER.password): Promise<string> {
  const response = await browser.call("POST", "/v1/client/sign_ins", { identifier, strategy: "password", password });
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  const { response: signIn } = (await response.json()) as { response: { created_session_id: string } };
  await browser.call("POST", `/v1/client/sessions/${signIn.created_session_id}/touch`, {});
  return signIn.created_session_id;
}

export type ClerkErrorBody = { errors: { code: string; message: string; long_message?: string; meta: { param_name?: string } }[] };

/** The first error of a Clerk error answer. */
export async function errorOf(response: Response): Promise<{ status: number; code: string | undefined; param: string | undefined }> {
  const body = (await response.json()) as ClerkErrorBody;
  const first = body.errors[0];
  return { status: response.status, code: first?.code, param: first?.meta.param_name };
}

/** The `response` of a Frontend API envelope; throws on anything but 200. */
export async function responseOf<T>(response: Response): Promise<T> {
  if (response.status !== 200) throw new Error(`expected 200, got ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { response: T }).response;
}

/** Any answer's status and JSON body, for tests that look at both. */
export async function answerOf<T>(response: Response): Promise<{ status: number; body: T }> {
  return { status: response.status, body: (await response.json()) as T };
}

/** A JSON answer; throws on anything but 200. */
export async function jsonOf<T>(response: Response): Promise<T> {
  if (response.status !== 200) throw new Error(`expected 200, got ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
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
