// `npm run test:e2e:clerk`: the same Playwright suite against a real Clerk development instance.
// Needs that instance's keys in the environment (or .env.local); says what is missing otherwise.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export function missingRealClerkKeys(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const publishable = env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY?.trim();
  const secret = env.CLERK_SECRET_KEY?.trim();
  if (!publishable) problems.push("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY is not set");
  else if (!publishable.startsWith("pk_test_")) problems.push("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY must be a development key (pk_test_...)");
  if (!secret) problems.push("CLERK_SECRET_KEY is not set");
  else if (!secret.startsWith("sk_test_")) problems.push("CLERK_SECRET_KEY must be a development key (sk_test_...)");
  if (secret === "sk_test_clerk_local") problems.push("CLERK_SECRET_KEY is the local Clerk's key, not a real instance's");
  return problems;
}

function main(): number {
  if (existsSync(".env.local")) process.loadEnvFile(".env.local");
  const problems = missingRealClerkKeys(process.env);
  if (problems.length > 0) {
    console.error(
      [
        "test:e2e:clerk runs the end-to-end suite against a real Clerk development instance, and needs its keys:",
        ...problems.map((problem) => `  - ${problem}`),
        "Set them in the environment or in .env.local (Clerk dashboard -> API keys), with email + password",
        "sign-in enabled. The suite creates +clerk_test users through the Backend API and deletes them afterwards.",
        "Without keys, `npm test` runs the same suite against the local Clerk.",
      ].join("\n"),
    );
    return 2;
  }
  const result = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], {
    stdio: "inherit",
    // The local Clerk's URLs must not leak into a real-Clerk run.
    env: {
      ...process.env,
      E2E_REAL_CLERK: "1",
      CLERK_API_URL: "",
      NEXT_PUBLIC_CLERK_PROXY_URL: "",
      NEXT_PUBLIC_CLERK_JS_URL: "",
      NEXT_PUBLIC_CLERK_UI_URL: "",
    },
  });
  return result.status ?? 1;
}

if (process.argv[1]?.endsWith("test-e2e-clerk.ts")) process.exit(main());
