// Clerk's invitation JSON (`/v1/invitations`), as @clerk/backend's Invitation.fromJSON reads it.
import type { Invitation } from "../state/records";

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";

/** What an invitation is now: a pending one past its expiry reads as expired, as Clerk lists it. */
export function invitationStatus(invitation: Invitation, now = Date.now()): InvitationStatus {
  return invitation.status === "pending" && now > invitation.expires_at ? "expired" : invitation.status;
}

export function invitationJSON(invitation: Invitation, now = Date.now()) {
  const status = invitationStatus(invitation, now);
  return {
    object: "invitation" as const,
    id: invitation.id,
    email_address: invitation.email_address,
    public_metadata: invitation.public_metadata,
    revoked: status === "revoked",
    status,
    url: invitation.url,
    expires_at: invitation.expires_at,
    created_at: invitation.created_at,
    updated_at: invitation.updated_at,
  };
}
