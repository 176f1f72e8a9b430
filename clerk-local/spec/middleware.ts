import type { Context, MiddlewareHandler } from "hono";
import { isClerkApiPath, type ApiKind } from "../http/routes";
import { isJsonContentType } from "./contract";
import type { ContractRecorder, RecordInput } from "./recorder";

/**
 * Records a route's responses with the recorder, checked against its API's spec. It reads a clone of
 * the response after the handler ran and never alters what the client receives.
 */
export function contractCheck(recorder: ContractRecorder, api: ApiKind): MiddlewareHandler {
  return async (c, next) => {
    await next();
    await recordResponse(recorder, c, api, c.res);
  };
}

/** Records an answer: `api` null when no route took the request (the server's "No route" 404). */
export async function recordResponse(recorder: ContractRecorder, c: Context, api: ApiKind | null, response: Response): Promise<void> {
  const path = c.req.path;
  if (!isClerkApiPath(path) || c.req.method === "OPTIONS") return;
  const contentType = response.headers.get("content-type");
  // clerk-js tunnels PATCH and DELETE through POST with `?_method=`.
  const override = c.req.method === "POST" ? c.req.query("_method") : undefined;
  const input: Omit<RecordInput, "body"> = {
    api,
    routed: api !== null,
    method: (override || c.req.method).toUpperCase(),
    path,
    status: response.status,
    contentType,
  };
  try {
    if (!isJsonContentType(contentType) || !response.body) {
      recorder.record({ ...input, body: undefined });
      return;
    }
    const text = await response.clone().text();
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch (error) {
      recorder.record({ ...input, body: undefined, parseError: (error as Error).message });
      return;
    }
    recorder.record({ ...input, body });
  } catch (error) {
    // The check is a bystander: its own failure must not become the client's.
    console.error("[clerk-local] contract check failed for", input.method, path, error);
  }
}
