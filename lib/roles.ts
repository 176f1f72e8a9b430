// Roles without Organizations, Clerk's "basic RBAC with metadata": the role lives in the user's
// public_metadata, the session token carries it (`{"metadata": "{{user.public_metadata}}"}`), and the
// server reads it from the verified token with no network call. An API key carries no token: its
// owner's role comes from the owner's cached look-up (docs/security.md#roles).

export const ROLES = ["admin", "member"] as const;
export type Role = (typeof ROLES)[number];

/** A user without a role, or with one this app does not know, is a member. */
const DEFAULT_ROLE: Role = "member";

function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** The role a user's public metadata holds; whatever else it holds (nothing, a number) reads as a member. */
export function roleFromMetadata(metadata: unknown): Role {
  const role = typeof metadata === "object" && metadata !== null ? (metadata as { role?: unknown }).role : undefined;
  return isRole(role) ? role : DEFAULT_ROLE;
}

/** The role a session token's claims carry (its `metadata` claim is the user's public metadata). */
export function roleFromClaims(claims: { metadata?: unknown } | null | undefined): Role {
  return roleFromMetadata(claims?.metadata);
}

/** A role given on a command line, or null when it is none of ROLES. */
export function parseRole(value: string | undefined): Role | null {
  return isRole(value) ? value : null;
}
