"use client";

import { LoadingStatus } from "@/app/_components/loading-status";
import { cardClass } from "@/app/_components/styles";
import type { ServerAnswer } from "@/lib/api-client";
import { useUser } from "@/lib/clerk-react";
import { USER_UPDATED_AT_HEADER, UserDataSchema } from "@/lib/user-data";

import { ResourceView } from "./resource-view";
import { ProfileDetails } from "./profile-details";
import { useApiResource } from "./use-api-resource";

const SUBJECT = "your profile";

/** The signed-in user's profile from `/api/me`, starting from the answer the page was rendered with, if any. */
export function ProfilePanel({ serverAnswer }: { serverAnswer?: ServerAnswer }) {
  // Clerk's user object changes in this browser when Manage account saves: the panel follows it.
  const { user } = useUser();
  const { state, retry, offline } = useApiResource("/api/me", UserDataSchema, {
    changedAt: user?.updatedAt?.getTime(),
    header: USER_UPDATED_AT_HEADER,
    serverAnswer,
  });
  return (
    <ProfileSection busy={state.status === "loading"}>
      <ResourceView state={state} retry={retry} offline={offline} subject={SUBJECT}>
        {(user) => <ProfileDetails user={user} />}
      </ResourceView>
    </ProfileSection>
  );
}

/** The panel while the server is still looking the user up: the rest of the page does not wait for it. */
export function ProfilePanelLoading() {
  return (
    <ProfileSection busy>
      <LoadingStatus>Loading {SUBJECT}…</LoadingStatus>
    </ProfileSection>
  );
}

function ProfileSection({ busy, children }: { busy: boolean; children: React.ReactNode }) {
  return (
    <section aria-labelledby="profile-heading" aria-busy={busy} className={cardClass}>
      <div className="mb-6">
        <h2 id="profile-heading" className="text-lg font-semibold">
          Your profile
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Served by <code className="font-mono">GET /api/me</code>
        </p>
      </div>
      {children}
    </section>
  );
}
