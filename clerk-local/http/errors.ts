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
  /** Further errors of the same answer: Clerk lists every password rule a new password breaks. */
  more?: ClerkErrorDetail[];
  /** The answer's top-level `meta`: the Frontend API puts the client there, which clerk-js then adopts. */
  meta?: Record<string, unknown>;
};

/** One entry of the `errors` list. */
export type ClerkErrorDetail = { code: string; message: string; longMessage?: string; paramName?: string };

export class ClerkError extends Error {
  constructor(readonly init: ClerkErrorInit) {
    super(init.message);
  }
}

const errorJSON = (detail: ClerkErrorDetail) => ({
  code: detail.code,
  message: detail.message,
  long_message: detail.longMessage ?? detail.message,
  meta: detail.paramName ? { param_name: detail.paramName } : {},
});

export function clerkErrorBody(init: ClerkErrorInit) {
  return { errors: [init, ...(init.more ?? [])].map(errorJSON), ...(init.meta ? { meta: init.meta } : {}), clerk_trace_id: "local" };
}

export function clerkErrorResponse(c: Context, init: ClerkErrorInit): Response {
  for (const [name, value] of Object.entries(init.headers ?? {})) c.header(name, value);
  return c.json(clerkErrorBody(init), init.status);
}

export const notFound = (what = "resource") =>
  new ClerkError({ status: 404, code: "resource_not_found", message: "not found", longMessage: `The requested ${what} was not found` });

export const formError = (code: string, message: string, paramName?: string, longMessage?: string) =>
  new ClerkError({ status: 422, code, message, longMessage: longMessage ?? message, paramName });

/** A 422 listing every problem found, in order (at least one). */
export const formErrors = ([first, ...more]: [ClerkErrorDetail, ...ClerkErrorDetail[]]) =>
  new ClerkError({ status: 422, ...first, longMessage: first.longMessage ?? first.message, more });
