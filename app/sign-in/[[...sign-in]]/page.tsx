import { SignIn } from "@clerk/nextjs";
import type { Metadata } from "next";

import { ClerkGate } from "@/app/_components/clerk-gate";
import { LoadingStatus } from "@/app/_components/loading-status";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <div className="flex justify-center">
      <ClerkGate service="Sign-in">
        <SignIn fallback={<LoadingStatus>Loading sign-in…</LoadingStatus>} />
      </ClerkGate>
    </div>
  );
}
