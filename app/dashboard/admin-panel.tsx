"use client";

import { cardClass } from "@/app/_components/styles";
import { AdminDashboardSchema } from "@/lib/admin-dashboard";

import { ResourceView } from "./resource-view";
import { useApiResource } from "./use-api-resource";

/** The admin dashboard ported from the Encore example. */
export function AdminPanel() {
  const { state, retry, offline } = useApiResource("/api/admin", AdminDashboardSchema);
  return (
    <section aria-labelledby="admin-heading" aria-busy={state.status === "loading"} className={cardClass}>
      <div className="mb-6">
        <h2 id="admin-heading" className="text-lg font-semibold">
          Admin
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Served by <code className="font-mono">GET /api/admin</code>; every visit is logged with your user ID.
        </p>
      </div>
      <ResourceView state={state} retry={retry} offline={offline} subject="the admin dashboard">
        {(dashboard) => (
          <p data-field="admin_value" className="text-2xl font-semibold tracking-tight">
            {dashboard.value}
          </p>
        )}
      </ResourceView>
    </section>
  );
}
