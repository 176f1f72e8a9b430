import { SignUp } from "@clerk/nextjs";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Sign up" };

export default function SignUpPage() {
  return (
    <div className="flex justify-center">
      {/* Names are optional in this app; Clerk hides optional fields unless asked to show them. */}
      <SignUp appearance={{ options: { showOptionalFields: true } }} />
    </div>
  );
}
