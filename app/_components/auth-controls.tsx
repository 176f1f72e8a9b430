"use client";

// A client component on purpose: the server <Show> calls auth(), which throws on requests the proxy
// does not run for (static-file paths such as a missing /favicon.ico), turning their 404 into a 500.
import { Show, UserButton } from "@/lib/clerk-react";
import Link from "next/link";

import { useClerkAvailability } from "@/app/_components/connectivity";
import { primaryButtonClass } from "@/app/_components/styles";
import { SIGN_IN_PATH, SIGN_UP_PATH } from "@/lib/routes";

export function AuthControls() {
  // Without Clerk, the account menu cannot open: say so instead of leaving an empty corner.
  if (useClerkAvailability() === "unavailable") {
    return <p className="text-sm text-slate-600 dark:text-slate-400">Sign-in unavailable</p>;
  }
  return (
    <>
      <Show when="signed-in">
        <UserButton />
      </Show>
      <Show when="signed-out">
        <Link
          href={SIGN_IN_PATH}
          className="rounded-md px-3 py-2 text-sm font-semibold text-slate-700 hover:text-slate-900 dark:text-slate-200 dark:hover:text-white"
        >
          Sign in
        </Link>
        <Link href={SIGN_UP_PATH} className={primaryButtonClass}>
          Sign up
        </Link>
      </Show>
    </>
  );
}
