import { SignUp } from "@clerk/nextjs";
import type { Metadata } from "next";

import { ClerkGate } from "@/app/_components/clerk-gate";
import { LoadingStatus } from "@/app/_components/loading-status";

export const metadata: Metadata = { title: "Sign up" };

export default function SignUpPage() {
  return (
    <div className="flex justify-center">
      <ClerkGate service="Sign-up">
        {/* Names are optional in this app; Clerk hides optional fields unless asked to show them. */}
        <SignUp
          appearance={{ options: { showOptionalFields: true } }}
          fallback={<LoadingStatus>Loading sign-up…</LoadingStatus>}
        />
      </ClerkGate>
    </div>
  );
}
