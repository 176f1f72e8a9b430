"use client";

import { cardClass } from "@/app/_components/styles";
import { useUser } from "@/lib/clerk-react";
import { USER_UPDATED_AT_HEADER, UserDataSchema } from "@/lib/user-data";

import { ResourceView } from "./resource-view";
import { ProfileDetails } from "./profile-details";
import { useApiResource } from "./use-api-resource";

export function ProfilePanel() {
  // Clerk's user object changes in this browser when Manage account saves: the panel follows it.
  const { user } = useUser();
  const { state, retry, offline } = useApiResource("/api/me", UserDataSchema, {
    changedAt: user?.updatedAt?.getTime(),
    header: USER_UPDATED_AT_HEADER,
  });
  return (
    <section aria-labelledby="profile-heading" aria-busy={state.status === "loading"} className={cardClass}>
      <div className="mb-6">
        <h2 id="profile-heading" className="text-lg font-semibold">
          Your profile
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Served by <code className="font-mono">GET /api/me</code>
        </p>
      </div>
      <ResourceView state={state} retry={retry} offline={offline} subject="your profile">
        {(user) => <ProfileDetails user={user} />}
      </ResourceView>
    </section>
  );
}
