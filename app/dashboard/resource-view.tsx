"use client";

import Link from "next/link";

import { LoadingStatus } from "@/app/_components/loading-status";
import { primaryButtonClass, secondaryButtonClass } from "@/app/_components/styles";
import type { ApiClientError } from "@/lib/api-client";
import { SIGN_IN_PATH } from "@/lib/routes";

import type { ResourceState } from "./use-api-resource";

/**
 * Renders the loading, signed-out and error states of a resource, and `children` on success; while
 * `offline`, says so above whatever is shown, unless the error already does. A refresh that failed is
 * said above the data it leaves on screen.
 */
export function ResourceView<T>({
  state,
  retry,
  offline,
  subject,
  children,
}: {
  state: ResourceState<T>;
  retry: () => void;
  offline: boolean;
  /** What is being loaded, as it reads inside a sentence: "your profile". */
  subject: string;
  children: (data: T) => React.ReactNode;
}) {
  const offlineError = state.status === "error" && state.error.code === "offline";
  const refreshError = state.status === "success" ? state.refreshError : undefined;
  return (
    <>
      {offline && !offlineError && <OfflineNotice />}
      {refreshError && refreshError.code !== "offline" && (
        <div className="mb-4">
          <ErrorState error={refreshError} title={`Couldn't refresh ${subject}.`} retry={retry} />
        </div>
      )}
      <ResourceStateView state={state} retry={retry} subject={subject}>
        {children}
      </ResourceStateView>
    </>
  );
}

function ResourceStateView<T>({
  state,
  retry,
  subject,
  children,
}: {
  state: ResourceState<T>;
  retry: () => void;
  subject: string;
  children: (data: T) => React.ReactNode;
}) {
  switch (state.status) {
    case "loading":
      return <LoadingStatus>Loading {subject}…</LoadingStatus>;
    case "signed-out":
      return <SignedOutState />;
    case "error":
      return <ErrorState error={state.error} title={`Couldn't load ${subject}.`} retry={retry} />;
    case "success":
      return children(state.data);
  }
}

function OfflineNotice() {
  return (
    <p role="status" className="mb-4 rounded-lg bg-slate-100 px-3 py-2 text-sm text-slate-700 dark:bg-slate-800 dark:text-slate-200">
      You&apos;re offline. This refreshes by itself when your connection is back.
    </p>
  );
}

function SignedOutState() {
  return (
    <div className="space-y-3">
      <p>You are signed out.</p>
      <Link href={SIGN_IN_PATH} className={primaryButtonClass}>
        Sign in
      </Link>
    </div>
  );
}

function ErrorState({ error, title, retry }: { error: ApiClientError; title: string; retry: () => void }) {
  return (
    <div
      role="alert"
      className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-4 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
    >
      <p className="font-semibold">{title}</p>
      <p className="text-sm">{explainError(error)}</p>
      <div className="flex flex-wrap gap-2">
        <button type="button" onClick={retry} className={primaryButtonClass}>
          Try again
        </button>
        {error.code === "unauthenticated" && (
          <Link href={SIGN_IN_PATH} className={secondaryButtonClass}>
            Sign in again
          </Link>
        )}
      </div>
    </div>
  );
}

/** What went wrong and what the user can do about it, without server internals. */
function explainError(error: ApiClientError): string {
  switch (error.code) {
    case "unauthenticated":
      return "Your session is no longer valid. Sign in again to continue.";
    case "unavailable":
    case "resource_exhausted":
      return error.retryAfter === undefined
        ? "The service is busy or temporarily unavailable. Please try again in a moment."
        : `The service is busy or temporarily unavailable. Please try again in ${formatSeconds(error.retryAfter)}.`;
    case "deadline_exceeded":
      return "The server took too long to answer. Please try again.";
    case "network_error":
      return "We couldn't reach the server. Check your connection and try again.";
    case "offline":
      return "You're offline. This loads by itself when your connection is back.";
    case "auth_unavailable":
      return "We couldn't reach Clerk, the sign-in service, to confirm your session. You are still signed in; please try again in a moment.";
    default:
      return "Something went wrong on our side. Please try again; if it keeps happening, come back later.";
  }
}

function formatSeconds(seconds: number): string {
  return seconds === 1 ? "1 second" : `${seconds} seconds`;
}
