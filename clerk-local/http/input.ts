// Inputs are zod schemas: the parsed type, the parser and the error message all follow from one
// declaration. A problem becomes Clerk's 422 naming the parameter (`bapi_fault.rate`, `user_id`).
import { z } from "zod";
import { ClerkError, formError } from "./errors";

export type InputOptions = {
  /** The code for a value of the wrong type: Clerk's Backend API says `form_param_format_invalid`. */
  wrongTypeCode?: string;
  /** One code for every value that is missing or wrong (the local Clerk's own controls use one). */
  everyProblemCode?: string;
};

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The first problem zod found in `input`, as Clerk's error. */
export function clerkErrorFromZod(error: z.ZodError, input: unknown, options: InputOptions = {}): ClerkError {
  const issue = error.issues[0];
  if (!issue) return formError("form_param_value_invalid", "Invalid input");
  // Clerk names a list by its parameter, not by the item's index.
  const path = issue.path.filter((key) => typeof key !== "number").map(String);
  if (issue.code === "unrecognized_keys") {
    const name = [...path, issue.keys[0] ?? ""].join(".").slice(0, 100);
    return formError("form_param_unknown", `${name} is not a valid parameter for this request.`, name);
  }
  const param = path.join(".");
  const named = (message: string) => (param ? `${param} ${message}` : message);
  if (options.everyProblemCode) return formError(options.everyProblemCode, named(issue.message), param);
  // A refinement may name Clerk's code itself (`params: { code }`).
  const code = issue.code === "custom" ? (issue.params as { code?: string } | undefined)?.code : undefined;
  if (code) return formError(code, named(issue.message), param);
  if (issue.code === "invalid_type" && valueAt(input, issue.path) === undefined) {
    return formError("form_param_missing", named("must be included."), param);
  }
  if (issue.code === "invalid_type") return formError(options.wrongTypeCode ?? "form_param_format_invalid", named(issue.message), param);
  return formError("form_param_value_invalid", named(issue.message), param);
}

/** `input` parsed by `schema`, or Clerk's 422 for its first problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, options: InputOptions = {}): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw clerkErrorFromZod(result.error, input, options);
}

/** A whole number in a range, with one message for every way a value can miss it. */
export function wholeNumber(min: number, max: number) {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** An absolute http(s) URL, normalised. */
export const httpUrl = z
  .string({ error: "must be an absolute http(s) URL" })
  .max(2048, { error: "must be at most 2048 characters" })
  .transform((value, context) => {
    let url: URL | null = null;
    try {
      url = new URL(value);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
      context.addIssue({ code: "custom", message: "must be an absolute http(s) URL" });
      return z.NEVER;
    }
    return url.toString();
  });
