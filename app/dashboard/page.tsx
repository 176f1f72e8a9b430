import { auth } from "@clerk/nextjs/server";
import type { Metadata } from "next";
import { Suspense } from "react";

import { roleFromClaims } from "@/lib/roles";
import { CLIENT_ONLY_QUERY } from "@/lib/routes";
import { adminAnswer, profileAnswer } from "@/lib/server/dashboard-answers";
import { getUserData } from "@/lib/server/user-data-cache";

import { AdminPanel } from "./admin-panel";
import { ApiKeysPanel } from "./api-keys-panel";
import { ProfilePanel, ProfilePanelLoading } from "./profile-panel";
import { RoleBadge } from "./role-badge";

export const metadata: Metadata = { title: "Dashboard" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  // The guarantee for this page: a signed-out visit is sent to sign-in and comes back afterwards.
  const { userId, sessionClaims } = await auth.protect();
  const serverData = (await searchParams)[CLIENT_ONLY_QUERY.name] !== CLIENT_ONLY_QUERY.value;

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">Dashboard</h1>
        <p className="max-w-2xl text-slate-600 dark:text-slate-300">
          Both panels come with the page and are kept up to date by your browser from this app&apos;s API,
          authenticated with your Clerk session token.
        </p>
        <RoleBadge serverRole={roleFromClaims(sessionClaims)} />
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {serverData ? (
            // A cold cache or a slow Clerk holds back this panel only; the rest of the page streams first.
            <Suspense fallback={<ProfilePanelLoading />}>
              <ServerRenderedProfilePanel userId={userId} />
            </Suspense>
          ) : (
            <ProfilePanel />
          )}
        </div>
        <AdminPanel serverAnswer={serverData ? adminAnswer(userId, sessionClaims) : undefined} />
      </div>
      <ApiKeysPanel />
    </div>
  );
}

/** The profile as the cached look-up has it; when that fails, the panel asks `/api/me` from the browser. */
async function ServerRenderedProfilePanel({ userId }: { userId: string }) {
  const lookup = await getUserData(userId);
  return <ProfilePanel serverAnswer={lookup.ok ? profileAnswer(lookup) : undefined} />;
}
