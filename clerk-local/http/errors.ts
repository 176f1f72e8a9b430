// Clerk's error envelope, `{"errors":[{code, message, long_message, meta}]}`, the one shape both of
// Clerk's APIs answer with and that clerk-js and @clerk/backend parse.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export type ClerkErrorInit = {
  status: ContentfulStatusCode;
  code: string;
  message: string;
  longMessage?: string;
  paramName?: string;
  headers?: Record<string, string>;
};

export class ClerkError extends Error {
  constructor(readonly init: ClerkErrorInit) {
    super(init.message);
  }
}

export function clerkErrorBody(init: ClerkErrorInit) {
  return {
    errors: [
      {
        code: init.code,
        message: init.message,
        long_message: init.longMessage ?? init.message,
        meta: init.paramName ? { param_name: init.paramName } : {},
      },
    ],
    clerk_trace_id: "local",
  };
}

export function clerkErrorResponse(c: Context, init: ClerkErrorInit): Response {
  for (const [name, value] of Object.entries(init.headers ?? {})) c.header(name, value);
  return c.json(clerkErrorBody(init), init.status);
}

export const notFound = (what = "resource") =>
  new ClerkError({ status: 404, code: "resource_not_found", message: "not found", longMessage: `The requested ${what} was not found` });

export const formError = (code: string, message: string, paramName?: string, longMessage?: string) =>
  new ClerkError({ status: 422, code, message, longMessage: longMessage ?? message, paramName });
