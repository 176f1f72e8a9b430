// From @clerk/react: @clerk/nextjs's entry bundles the Pages Router into every page
// (docs/performance.md#first-load-javascript).
export { APIKeys, Show, useAuth, useClerk, UserButton, useUser } from "@clerk/react";
