"use client";

import { Component, type ReactNode } from "react";

import { cardClass } from "@/app/_components/styles";
import { APIKeys } from "@/lib/clerk-react";

/**
 * A development instance's clerk-js throws when <APIKeys /> mounts with user API keys turned off in
 * Clerk's dashboard (a production one renders nothing): the panel says so instead of breaking the page.
 */
class KeysTurnedOff extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <p data-state="api-keys-off" className="text-sm text-slate-700 dark:text-slate-300">
        API keys are turned off for this Clerk instance. In the Clerk dashboard, Configure → API keys, turn
        on user API keys.
      </p>
    );
  }
}

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
      <KeysTurnedOff>
        <APIKeys />
      </KeysTurnedOff>
    </section>
  );
}
