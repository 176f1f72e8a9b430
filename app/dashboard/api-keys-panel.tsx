"use client";

import { Component, type ReactNode } from "react";

import { cardClass } from "@/app/_components/styles";
import { APIKeys } from "@/lib/clerk-react";

/** The code a development instance's clerk-js throws with when user API keys are turned off. */
const KEYS_TURNED_OFF = "cannot_render_api_keys_user_disabled";

type Failure = "keys-off" | "other" | null;

/**
 * <APIKeys /> failing to mount leaves the rest of the page standing, and says why: keys turned off in
 * Clerk's dashboard (a production instance then renders nothing), or a failure to load.
 */
class KeysPanelBoundary extends Component<{ children: ReactNode }, { failure: Failure }> {
  override state: { failure: Failure } = { failure: null };

  static getDerivedStateFromError(error: unknown): { failure: Failure } {
    const code = typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
    return { failure: code === KEYS_TURNED_OFF ? "keys-off" : "other" };
  }

  override render() {
    if (this.state.failure === null) return this.props.children;
    return this.state.failure === "keys-off" ? (
      <p data-state="api-keys-off" className="text-sm text-slate-700 dark:text-slate-300">
        API keys are turned off for this Clerk instance. In the Clerk dashboard, Configure → API keys, turn
        on user API keys.
      </p>
    ) : (
      <p role="alert" data-state="api-keys-failed" className="text-sm text-slate-700 dark:text-slate-300">
        Your API keys could not be shown. Reload the page to try again.
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
      <KeysPanelBoundary>
        <APIKeys />
      </KeysPanelBoundary>
    </section>
  );
}
