// Clerk's JWT template JSON (`/v1/jwt_templates`).
import type { JwtTemplate } from "../state/records";

export function jwtTemplateJSON(template: JwtTemplate) {
  return {
    object: "jwt_template" as const,
    id: template.id,
    name: template.name,
    claims: template.claims,
    lifetime: template.lifetime,
    allowed_clock_skew: template.allowed_clock_skew,
    custom_signing_key: false,
    signing_algorithm: "RS256",
    created_at: template.created_at,
    updated_at: template.updated_at,
  };
}
