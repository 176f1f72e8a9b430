"use client";

import { cardClass } from "@/app/_components/styles";
import { APIKeys } from "@/lib/clerk-react";

/** Clerk's own <APIKeys />: the signed-in user makes, copies once and revokes keys for scripts and servers. */
export function ApiKeysPanel() {
  return (
    <section aria-labelledby="api-keys-heading" className={cardClass}>
      <div className="mb-6 space-y-1">
        <h2 id="api-keys-heading" className="text-lg font-semibold">
          API keys
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          A script or server can call <code className="font-mono">GET /api/me</code> and{" "}
          <code className="font-mono">GET /api/admin</code> with a key, as you, with your role:{" "}
          <code className="font-mono">curl -H &quot;Authorization: Bearer &lt;key&gt;&quot; …/api/me</code>. A key opens no
          page, and a revoked key stops working within seconds.
        </p>
      </div>
      <APIKeys />
    </section>
  );
}
