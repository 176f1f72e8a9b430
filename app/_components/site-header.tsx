import Link from "next/link";

import { APP_NAME } from "@/app/_components/app-name";
import { AuthControls } from "@/app/_components/auth-controls";
import { NavLink } from "@/app/_components/nav-link";
import { DASHBOARD_PATH } from "@/lib/routes";

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white/80 backdrop-blur dark:border-slate-800 dark:bg-slate-950/80">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
        <div className="flex items-center gap-4">
          <Link href="/" className="flex items-center gap-2 text-base font-bold tracking-tight">
            <span
              aria-hidden="true"
              className="grid size-8 place-items-center rounded-lg bg-indigo-600 text-sm text-white"
            >
              U
            </span>
            {APP_NAME}
          </Link>
          <nav aria-label="Main">
            <ul className="flex items-center gap-1">
              <li>
                <NavLink href="/">Home</NavLink>
              </li>
              <li>
                <NavLink href={DASHBOARD_PATH}>Dashboard</NavLink>
              </li>
            </ul>
          </nav>
        </div>
        <div className="flex items-center gap-2">
          <AuthControls />
        </div>
      </div>
    </header>
  );
}
