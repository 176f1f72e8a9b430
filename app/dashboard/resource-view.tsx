"use client";

import Link from "next/link";

import { primaryButtonClass, secondaryButtonClass } from "@/app/_components/styles";
import type { ApiClientError } from "@/lib/api-client";
import { SIGN_IN_PATH } from "@/lib/routes";

import type { ResourceState } from "./use-api-resource";

/** Renders the loading, signed-out and error states of a resource, and `children` on success. */
export function ResourceView<T>({
  state,
  retry,
  subject,
  children,
}: {
  state: ResourceState<T>;
  retry: () => void;
  /** What is being loaded, as it reads inside a sentence: "your profile". */
  subject: string;
  children: (data: T) => React.ReactNode;
}) {
  switch (state.status) {
    case "loading":
      return <LoadingState subject={subject} />;
    case "signed-out":
      return <SignedOutState />;
    case "error":
      return <ErrorState error={state.error} subject={subject} retry={retry} />;
    case "success":
      return children(state.data);
  }
}

function LoadingState({ subject }: { subject: string }) {
  return (
    <p role="status" className="flex items-center gap-3 text-slate-600 dark:text-slate-300">
      <span
        aria-hidden="true"
        className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-600 motion-reduce:animate-none dark:border-slate-700 dark:border-t-indigo-400"
      />
      Loading {subject}…
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

function ErrorState({ error, subject, retry }: { error: ApiClientError; subject: string; retry: () => void }) {
  return (
    <div
      role="alert"
      className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-4 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
    >
      <p className="font-semibold">Couldn&apos;t load {subject}.</p>
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
    default:
      return "Something went wrong on our side. Please try again; if it keeps happening, come back later.";
  }
}

function formatSeconds(seconds: number): string {
  return seconds === 1 ? "1 second" : `${seconds} seconds`;
}
