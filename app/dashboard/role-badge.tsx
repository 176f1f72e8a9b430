"use client";

import { useAuth } from "@/lib/clerk-react";
import { roleFromClaims, type Role } from "@/lib/roles";

/** The signed-in user's role: from the server's render first, then from each new session token. */
export function RoleBadge({ serverRole }: { serverRole: Role }) {
  const { isLoaded, sessionClaims } = useAuth();
  const role = isLoaded && sessionClaims ? roleFromClaims(sessionClaims) : serverRole;
  return (
    <p className="text-sm text-slate-600 dark:text-slate-300">
      Your role: <span data-field="role" className="rounded-md bg-slate-100 px-2 py-0.5 font-medium text-slate-800 dark:bg-slate-800 dark:text-slate-100">{role}</span>
    </p>
  );
}
