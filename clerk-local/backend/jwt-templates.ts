// Named JWT templates through the Backend API (`/v1/jwt_templates`): Clerk's rules for a template's
// name, claims, lifetime and clock skew. Tokens from them are minted in tokens/session-tokens.ts.
import { ClerkError, formError, notFound } from "../http/errors";
import type { JwtTemplate } from "../state/records";
import type { Store } from "../state/store";
import { JWT_TEMPLATE_DEFAULT_CLAIMS, templateProblem } from "../tokens/claims";
import type { JwtTemplateBody } from "./bodies";

const DEFAULT_LIFETIME_S = 60;
const DEFAULT_CLOCK_SKEW_S = 5;

export function jwtTemplateOr404(store: Store, id: string): JwtTemplate {
  const template = store.jwtTemplate(id);
  if (!template) throw notFound("JWT template");
  return template;
}

/** The template's fields from a create or update body, checked whole; `id` is the one being updated. */
function templateFields(store: Store, body: JwtTemplateBody, id?: string) {
  const name = body.name.trim();
  const other = store.jwtTemplateByName(name);
  if (other && other.id !== id) throw formError("form_identifier_exists", "A JWT template with this name already exists.", "name");
  if (body.custom_signing_key) {
    throw new ClerkError({
      status: 422,
      code: "form_param_value_invalid",
      message: "Custom signing keys are not supported by the local Clerk: its templates are signed with the instance's key.",
      paramName: "custom_signing_key",
    });
  }
  const reserved = Object.keys(body.claims).find((claim) => JWT_TEMPLATE_DEFAULT_CLAIMS.includes(claim));
  if (reserved) throw formError("form_param_value_invalid", `claims.${reserved} is set by Clerk in every token and cannot be overridden.`, "claims");
  const malformed = templateProblem(body.claims, ["claims"]);
  if (malformed) throw formError("form_param_value_invalid", `${malformed.key} ${malformed.reason}`, "claims");
  return {
    name,
    claims: body.claims,
    lifetime: body.lifetime ?? DEFAULT_LIFETIME_S,
    allowed_clock_skew: body.allowed_clock_skew ?? DEFAULT_CLOCK_SKEW_S,
  };
}

export function createJwtTemplate(store: Store, body: JwtTemplateBody): JwtTemplate {
  return store.createJwtTemplate(templateFields(store, body));
}

export function updateJwtTemplate(store: Store, id: string, body: JwtTemplateBody): JwtTemplate {
  jwtTemplateOr404(store, id);
  return store.updateJwtTemplate(id, templateFields(store, body, id));
}
