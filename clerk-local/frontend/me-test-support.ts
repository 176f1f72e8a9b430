// For the `/v1/me` tests: an in-process local Clerk and browsers that talk to it as clerk-js does
// (dev browser token in the query, form bodies, PATCH and DELETE tunnelled through POST).
import { createApp, type LocalClerkApp } from "../app";
import { defaultConfig, DEMO_USER } from "../config";

export const APP_ORIGIN = "http://localhost:3000";
export const CHROME_ON_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
export const SAFARI_ON_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

export type ClerkErrorBody = { errors: { code: string; message: string; meta: { param_name?: string } }[] };

export type TestBrowser = {
  token: string;
  /** Sends a Frontend API call; `method` other than GET/POST is tunnelled like clerk-js does. */
  call: (method: string, path: string, body?: Record<string, string> | FormData | string, headers?: Record<string, string>) => Promise<Response>;
};

export async function startLocal(): Promise<LocalClerkApp> {
  return createApp(defaultConfig({ packageRoot: process.cwd() }));
}

export async function openBrowser(local: LocalClerkApp, userAgent = CHROME_ON_WINDOWS): Promise<TestBrowser> {
  const response = await local.app.request("/v1/dev_browser", { method: "POST" });
  const { id: token } = (await response.json()) as { id: string };
  const call: TestBrowser["call"] = (method, path, body, headers = {}) => {
    const url = new URL(path, "http://clerk.local");
    url.searchParams.set("__clerk_db_jwt", token);
    const tunnelled = method !== "GET" && method !== "POST";
    if (tunnelled) url.searchParams.set("_method", method);
    const isForm = body !== undefined && !(body instanceof FormData) && typeof body !== "string";
    return Promise.resolve(local.app.request(`${url.pathname}${url.search}`, {
      method: method === "GET" ? "GET" : "POST",
      headers: {
        Origin: APP_ORIGIN,
        "User-Agent": userAgent,
        ...(isForm ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
        ...headers,
      },
      body: isForm ? new URLSearchParams(body).toString() : body,
    }));
  };
  return { token, call };
}

/** Signs `browser` in with a password and touches the session, as <SignIn/> does. */
export async function signIn(browser: TestBrowser, email: string = DEMO_USER.email, password: string = DEMO_USER.password): Promise<string> {
  const response = await browser.call("POST", "/v1/client/sign_ins", { identifier: email, strategy: "password", password });
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  const { response: signIn } = (await response.json()) as { response: { created_session_id: string } };
  await browser.call("POST", `/v1/client/sessions/${signIn.created_session_id}/touch`, {});
  return signIn.created_session_id;
}

export async function errorOf(response: Response): Promise<{ status: number; code: string | undefined; param: string | undefined }> {
  const body = (await response.json()) as ClerkErrorBody;
  return { status: response.status, code: body.errors[0]?.code, param: body.errors[0]?.meta.param_name };
}

export async function responseOf<T>(response: Response): Promise<T> {
  if (response.status !== 200) throw new Error(`expected 200, got ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { response: T }).response;
}
