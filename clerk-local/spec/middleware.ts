import type { MiddlewareHandler } from "hono";
import { isJsonContentType } from "./contract";
import type { ContractRecorder } from "./recorder";

/** The server's notFound handler sets this header to `none`: the request matched no route. */
export const ROUTE_HEADER = "x-clerk-local-route";

export type ContractCheckOptions = {
  isBackendPath: (path: string) => boolean;
};

/**
 * Records every `/v1` response with the recorder, checked against Clerk's spec. It reads a clone of
 * the response after the handlers ran and never alters what the client receives.
 */
export function contractCheck(recorder: ContractRecorder, options: ContractCheckOptions): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const path = c.req.path;
    if (!(path === "/v1" || path.startsWith("/v1/")) || c.req.method === "OPTIONS") return;
    const response = c.res;
    const contentType = response.headers.get("content-type");
    const routed = response.headers.get(ROUTE_HEADER) !== "none";
    // clerk-js tunnels PATCH and DELETE through POST with `?_method=`.
    const override = c.req.method === "POST" ? c.req.query("_method") : undefined;
    const input = {
      api: options.isBackendPath(path) ? ("bapi" as const) : ("fapi" as const),
      method: (override || c.req.method).toUpperCase(),
      path,
      status: response.status,
      contentType,
      routed,
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
  };
}
