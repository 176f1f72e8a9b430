import { Show } from "@clerk/nextjs";
import Link from "next/link";

import { cardClass, primaryButtonClass, secondaryButtonClass } from "@/app/_components/styles";
import { DASHBOARD_PATH, SIGN_IN_PATH, SIGN_UP_PATH } from "@/lib/routes";

const STEPS = [
  {
    title: "Sign in with Clerk",
    body: "Use Clerk's sign-in to start a session. No password ever touches this app.",
  },
  {
    title: "Call the API with your token",
    body: "Your browser sends a short-lived session token as a Bearer header to GET /api/me.",
  },
  {
    title: "See your profile",
    body: "The route handler verifies the token, loads you from Clerk and returns validated JSON.",
  },
] as const;

export default function HomePage() {
  return (
    <div className="space-y-14">
      <section aria-labelledby="hero-heading" className="max-w-2xl space-y-6">
        <p className="text-sm font-semibold uppercase tracking-wider text-indigo-700 dark:text-indigo-300">
          Your Clerk profile, served by your own API
        </p>
        <h1 id="hero-heading" className="text-4xl font-bold tracking-tight text-balance sm:text-5xl">
          See exactly what Clerk knows about you.
        </h1>
        <p className="text-lg text-slate-600 dark:text-slate-300">
          Sign in and your dashboard shows your profile: names, username, avatar and every email
          address with its verification status, fetched from an authenticated Next.js route handler.
        </p>
        <div className="flex flex-wrap gap-3">
          <Show when="signed-out">
            <Link href={SIGN_IN_PATH} className={primaryButtonClass}>
              Sign in to see your profile
            </Link>
            <Link href={SIGN_UP_PATH} className={secondaryButtonClass}>
              Create an account
            </Link>
          </Show>
          <Show when="signed-in">
            <Link href={DASHBOARD_PATH} className={primaryButtonClass}>
              Open your dashboard
            </Link>
          </Show>
        </div>
      </section>

      <section aria-labelledby="how-heading" className="space-y-6">
        <h2 id="how-heading" className="text-xl font-semibold">
          How it works
        </h2>
        <ol className="grid gap-4 sm:grid-cols-3">
          {STEPS.map((step, index) => (
            <li key={step.title} className={cardClass}>
              <span
                aria-hidden="true"
                className="mb-3 grid size-8 place-items-center rounded-full bg-indigo-100 text-sm font-bold text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200"
              >
                {index + 1}
              </span>
              <h3 className="font-semibold">{step.title}</h3>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{step.body}</p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
