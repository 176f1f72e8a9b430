import "server-only";

let warned = false;

/**
 * A token with no `metadata` claim at all means the instance's session token was never customised:
 * every user would be a member and no admin would know why, so it is said once per server.
 */
export function noticeMissingRoleClaim(sessionClaims: object | null | undefined): void {
  if (!sessionClaims || "metadata" in sessionClaims || warned) return;
  warned = true;
  console.warn(
    "Session tokens carry no `metadata` claim, so every user is a member. In the Clerk dashboard, " +
      'Sessions → Customize session token, set the claims to {"metadata": "{{user.public_metadata}}"}.',
  );
}
