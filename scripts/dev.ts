// `npm run dev`: with no Clerk keys configured, the local Clerk and `next dev` wired to it; with keys,
// plain `next dev` against real Clerk.
import { readFileSync } from "node:fs";
import { hasClerkKeys, runNext, withLocalClerk } from "./run-with-local-clerk";

function readEnvLocal(): string | null {
  try {
    return readFileSync(".env.local", "utf8");
  } catch {
    return null;
  }
}

const port = process.env.PORT ?? "3000";
const extraArgs = process.argv.slice(2);

if (hasClerkKeys(process.env, readEnvLocal())) {
  console.log("Clerk keys found: running next dev against real Clerk.");
  process.exit(await runNext({ args: ["dev", "-p", port, ...extraArgs] }, process.env));
} else {
  console.log("No Clerk keys configured: using the local Clerk (see README).");
  await withLocalClerk([{ args: ["dev", "-p", port, ...extraArgs] }]);
}
