// Request body readers that turn malformed input into Clerk-shaped 4xx errors instead of exceptions.
import type { Context } from "hono";
import { ClerkError } from "./errors";

const MAX_BODY_BYTES = 1024 * 1024;

async function readText(c: Context): Promise<string> {
  const length = Number(c.req.header("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) throw tooLarge();
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES) throw tooLarge();
  return text;
}

const tooLarge = () =>
  new ClerkError({ status: 413, code: "request_body_too_large", message: "Request body too large" });

/** clerk-js sends `application/x-www-form-urlencoded`; @clerk/testing sometimes sends JSON. */
export async function readForm(c: Context): Promise<Record<string, string>> {
  const text = await readText(c);
  if (!text) return {};
  if ((c.req.header("content-type") ?? "").includes("application/json")) {
    const json = parseJsonObject(text);
    return Object.fromEntries(Object.entries(json).map(([key, value]) => [key, stringify(value)]));
  }
  return Object.fromEntries(new URLSearchParams(text));
}

const JSON_CONTENT_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

/**
 * A JSON object body; an empty body is `{}`, anything else a 400 like Clerk's `malformed_request`.
 * With `jsonOnly` (the Backend API, which @clerk/backend always calls with JSON) a body declared as
 * another type is refused rather than guessed at.
 */
export async function readJson(c: Context, { jsonOnly = false } = {}): Promise<Record<string, unknown>> {
  const text = await readJsonText(c, jsonOnly);
  return text.trim() ? parseJsonObject(text) : {};
}

/** A JSON array body (the Backend API's bulk operations); an empty body is `[]`. */
export async function readJsonList(c: Context): Promise<unknown[]> {
  const text = await readJsonText(c, true);
  if (!text.trim()) return [];
  const value = parseJsonText(text);
  if (!Array.isArray(value)) throw new ClerkError({ status: 400, code: "malformed_request", message: "Request body must be a JSON array" });
  return value;
}

async function readJsonText(c: Context, jsonOnly: boolean): Promise<string> {
  const type = c.req.header("content-type");
  const text = await readText(c);
  if (text.trim() && jsonOnly && type && !JSON_CONTENT_TYPE.test(type)) {
    throw new ClerkError({ status: 400, code: "malformed_request", message: "Request body must be sent as application/json" });
  }
  return text;
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ClerkError({ status: 400, code: "malformed_request", message: "Request body is not valid JSON" });
  }
}

function parseJsonObject(text: string): Record<string, unknown> {
  const value = parseJsonText(text);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ClerkError({ status: 400, code: "malformed_request", message: "Request body must be a JSON object" });
  }
  return value as Record<string, unknown>;
}

function stringify(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
