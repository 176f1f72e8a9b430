import { auth } from "@clerk/nextjs/server";
import type { Metadata } from "next";

import { roleFromClaims } from "@/lib/roles";

import { AdminPanel } from "./admin-panel";
import { ProfilePanel } from "./profile-panel";
import { RoleBadge } from "./role-badge";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  // The guarantee for this page: a signed-out visit is sent to sign-in and comes back afterwards.
  const { sessionClaims } = await auth.protect();

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">Dashboard</h1>
        <p className="max-w-2xl text-slate-600 dark:text-slate-300">
          Both panels are loaded by your browser from this app&apos;s API, authenticated with your Clerk
          session token.
        </p>
        <RoleBadge serverRole={roleFromClaims(sessionClaims)} />
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <ProfilePanel />
        </div>
        <AdminPanel />
      </div>
    </div>
  );
}
