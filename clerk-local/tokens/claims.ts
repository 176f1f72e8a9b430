// Claims templates, as Clerk's "Customize session token" and JWT templates take them: a JSON object whose
// string values may hold shortcodes, `{{user.first_name}}`, `{{user.public_metadata.role}}`, with `||`
// fallbacks and string interpolation, rendered for a user each time a token is minted.
import type { User } from "../state/records";

export type ClaimsTemplate = Record<string, unknown>;

/** Past this many bytes of custom claims the session cookie no longer fits in a browser's 4 KB (Clerk's docs). */
export const MAX_CUSTOM_CLAIMS_BYTES = 1200;

/** The claims Clerk puts in every JWT it mints, from a JWT template too; a template may not set them. */
export const JWT_TEMPLATE_DEFAULT_CLAIMS = ["azp", "exp", "iat", "iss", "jti", "nbf", "sub"];

/** The claims Clerk puts in every session token itself (those of every JWT, then the session's own); a claims template may not set them. */
export const RESERVED_CLAIMS = [
  ...JWT_TEMPLATE_DEFAULT_CLAIMS,
  ...["sid", "v", "fva", "sts", "pla", "fea", "o", "act", "org_id", "org_slug", "org_role", "org_permissions"],
];

const SHORTCODE = /\{\{(.*?)\}\}/g;
const WHOLE_SHORTCODE = /^\{\{(.*?)\}\}$/;
const LITERAL_STRING = /^'([^']*)'$/;
const PATH = /^[a-z_]+(\.[A-Za-z0-9_-]+)+$/;

/** What a shortcode can name: the user's fields, and the namespaces of features this instance has off. */
const NAMESPACES = ["user", "org", "org_membership", "session"];

function operandProblem(operand: string): string | null {
  if (LITERAL_STRING.test(operand) || /^-?\d+(\.\d+)?$/.test(operand) || operand === "true" || operand === "false" || operand === "null") return null;
  if (!PATH.test(operand)) return `"${operand}" is neither a shortcode nor a string, number or boolean literal`;
  if (!NAMESPACES.includes(operand.split(".")[0]!)) return `"${operand}" names no shortcode (they start with ${NAMESPACES.join(", ")})`;
  return null;
}

function expressionProblem(expression: string): string | null {
  const operands = expression.split("||").map((part) => part.trim());
  for (const operand of operands) {
    const problem = operandProblem(operand);
    if (problem) return problem;
  }
  return null;
}

/** The first malformed shortcode of a template, with where it is, or null. */
export function templateProblem(template: unknown, path: string[] = []): { key: string; reason: string } | null {
  if (typeof template === "string") {
    if ((template.match(/\{\{/g) ?? []).length !== (template.match(/\}\}/g) ?? []).length) return { key: path.join("."), reason: "has an unclosed {{ shortcode }}" };
    for (const match of template.matchAll(SHORTCODE)) {
      const problem = expressionProblem(match[1]!);
      if (problem) return { key: path.join("."), reason: problem };
    }
    return null;
  }
  if (Array.isArray(template)) {
    for (const [index, item] of template.entries()) {
      const problem = templateProblem(item, [...path, String(index)]);
      if (problem) return problem;
    }
    return null;
  }
  if (typeof template === "object" && template !== null) {
    for (const [key, value] of Object.entries(template)) {
      const problem = templateProblem(value, [...path, key]);
      if (problem) return problem;
    }
  }
  return null;
}

/** The values shortcodes name, for one user; anything else they name is null (as Clerk renders it). */
export function shortcodeValues(user: User, imageUrl: string): Record<string, unknown> {
  const primaryEmail = user.email_addresses.find((email) => email.id === user.primary_email_address_id);
  const fullName = [user.first_name, user.last_name].filter(Boolean).join(" ") || null;
  const seconds = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));
  return {
    id: user.id,
    external_id: user.external_id,
    first_name: user.first_name,
    last_name: user.last_name,
    full_name: fullName,
    username: user.username,
    primary_email_address: primaryEmail?.email_address ?? null,
    email_verified: primaryEmail?.verification?.status === "verified",
    primary_phone_address: null,
    phone_number_verified: false,
    image_url: imageUrl,
    has_image: Boolean(user.image_id),
    public_metadata: user.public_metadata,
    unsafe_metadata: user.unsafe_metadata,
    two_factor_enabled: false,
    created_at: seconds(user.created_at),
    updated_at: seconds(user.updated_at),
    last_sign_in_at: seconds(user.last_sign_in_at),
    organizations: {},
  };
}

function lookup(path: string, user: Record<string, unknown>): unknown {
  const [namespace, ...keys] = path.split(".");
  if (namespace !== "user") return null;
  let value: unknown = user;
  for (const key of keys) {
    if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return value === undefined ? null : value;
}

function evaluate(expression: string, user: Record<string, unknown>): unknown {
  const operands = expression.split("||").map((part) => part.trim());
  let value: unknown = null;
  for (const operand of operands) {
    const literal = LITERAL_STRING.exec(operand);
    if (literal) value = literal[1];
    else if (/^-?\d+(\.\d+)?$/.test(operand)) value = Number(operand);
    else if (operand === "true" || operand === "false") value = operand === "true";
    else if (operand === "null") value = null;
    else value = lookup(operand, user);
    if (value !== null && value !== false) return value;
  }
  return value;
}

/** The template with every shortcode replaced by its value for `user`. */
export function renderClaims(template: ClaimsTemplate, user: Record<string, unknown>): Record<string, unknown> {
  const render = (value: unknown): unknown => {
    if (typeof value === "string") {
      const whole = WHOLE_SHORTCODE.exec(value);
      if (whole && !whole[1]!.includes("}}")) return structuredClone(evaluate(whole[1]!, user));
      return value.replace(SHORTCODE, (_match, expression: string) => {
        const result = evaluate(expression, user);
        return typeof result === "string" ? result : JSON.stringify(result);
      });
    }
    if (Array.isArray(value)) return value.map(render);
    if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, render(item)]));
    return value;
  };
  return render(template) as Record<string, unknown>;
}

/** Bytes of the rendered custom claims, as they add to the session token. */
export function claimsSize(claims: Record<string, unknown>): number {
  return Buffer.byteLength(JSON.stringify(claims));
}
