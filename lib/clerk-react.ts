// Clerk's React bindings for this app's client components, imported from @clerk/react: @clerk/nextjs
// re-exports exactly these from there unchanged, but its entry reaches its components through a
// namespace import, which bundles the Pages Router provider (next/router, next/script) into every
// App Router page. Importing them here keeps that out of the browser. ClerkProvider, <SignIn> and
// <SignUp> still come from @clerk/nextjs: they add the Next.js routing integration.
export { Show, useAuth, UserButton, useUser } from "@clerk/react";
