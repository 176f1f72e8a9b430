// Session-token claims this app adds, typed once for `auth().sessionClaims` and `useAuth().sessionClaims`
// (Clerk's documented global interface). The values come from the instance's claims template.
import type { Role } from "@/lib/roles";

export {};

declare global {
  interface CustomJwtSessionClaims {
    /** The user's public_metadata (`{"metadata": "{{user.public_metadata}}"}` in the Clerk dashboard). */
    metadata?: { role?: Role };
  }
}
