"use client";

import { cardClass } from "@/app/_components/styles";
import { AdminDashboardSchema } from "@/lib/admin-dashboard";
import type { ServerAnswer } from "@/lib/api-client";
import { useAuth } from "@/lib/clerk-react";
import { roleFromClaims } from "@/lib/roles";

import { ResourceView } from "./resource-view";
import { useApiResource } from "./use-api-resource";

/**
 * The admin dashboard ported from the Encore example, for admins; members are told how a role is given.
 * Starts from the answer the page was rendered with, if any.
 */
export function AdminPanel({ serverAnswer }: { serverAnswer?: ServerAnswer }) {
  // A role given or taken while the page is open arrives in the next session token: ask again then.
  const role = roleFromClaims(useAuth().sessionClaims);
  const { state, retry, offline } = useApiResource("/api/admin", AdminDashboardSchema, { dependsOn: role, serverAnswer });
  const roleNeeded = state.status === "error" && state.error.code === "permission_denied";
  return (
    <section aria-labelledby="admin-heading" aria-busy={state.status === "loading"} className={cardClass}>
      <div className="mb-6">
        <h2 id="admin-heading" className="text-lg font-semibold">
          Admin
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Served by <code className="font-mono">GET /api/admin</code> to admins; every visit is logged with your user ID.
        </p>
      </div>
      {roleNeeded ? (
        <AdminRoleNeeded />
      ) : (
        <ResourceView state={state} retry={retry} offline={offline} subject="the admin dashboard">
          {(dashboard) => (
            <p data-field="admin_value" className="text-2xl font-semibold tracking-tight">
              {dashboard.value}
            </p>
          )}
        </ResourceView>
      )}
    </section>
  );
}

/** A member's view of the panel: nothing went wrong, the content is for admins. */
function AdminRoleNeeded() {
  return (
    <div data-state="role-needed" className="space-y-2 text-sm text-slate-700 dark:text-slate-300">
      <p className="font-medium">This panel is for admins.</p>
      <p>
        Roles are set on the server, in your Clerk user&apos;s public metadata, and reach this page with your next
        session token. In development, run <code className="font-mono">npm run role -- &lt;your email or username&gt; admin</code>.
      </p>
    </div>
  );
}
