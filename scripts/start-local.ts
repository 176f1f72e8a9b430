// `npm run start:local`: a production build wired to the local Clerk, in its own dist dir so it never
// mixes with the Vercel build, then `next start` with the local Clerk running beside it. NEXT_DIST_DIR
// picks another folder (a second build for other ports must not overwrite the first).
import { NEXT_BUILD_ARGS } from "./next-cli";
import { withLocalClerk } from "./run-with-local-clerk";

const port = process.env.PORT ?? "3000";
const distDir = { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || ".next-local" };

await withLocalClerk([
  { args: NEXT_BUILD_ARGS, extraEnv: distDir },
  { args: ["start", "-p", port], extraEnv: distDir },
]);
