// Shared by `npm run dev` and `npm run start:local`: start the local Clerk in this process, then run
// Next.js commands with the env that points the app at it, and stop everything together. The local
// Clerk delivers its user webhooks to the app's /api/webhooks/clerk unless CLERK_LOCAL_WEBHOOK_URL says
// otherwise (`off` disables them); until that route answers 2xx, deliveries retry and then give up quietly.
import { spawn } from "node:child_process";
import { banner, configFromEnv, startLocalClerk, type RunningLocalClerk } from "clerk-local";
import { accountsBanner, forThisApp } from "./local-clerk-for-app";
import { keepTypeScriptFiles, NEXT_BIN } from "./next-cli";

export type Step = { args: string[]; extraEnv?: Record<string, string> };

/**
 * Runs `next <args>` and resolves with its exit code; the child dies with us. A build leaves the tracked
 * TypeScript files as it found them, whatever dist dir it builds into.
 */
export async function runNext(step: Step, env: NodeJS.ProcessEnv): Promise<number> {
  const restoreTypeScriptFiles = step.args[0] === "build" ? keepTypeScriptFiles() : () => {};
  try {
    return await run(step, env);
  } finally {
    restoreTypeScriptFiles();
  }
}

function run(step: Step, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [NEXT_BIN, ...step.args], {
      stdio: "inherit",
      env: { ...env, ...step.extraEnv },
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

export async function withLocalClerk(steps: Step[]): Promise<never> {
  let running: RunningLocalClerk;
  const config = forThisApp(configFromEnv(process.env), process.env);
  try {
    running = await startLocalClerk(config);
  } catch (error) {
    console.error(`Could not start the local Clerk: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  console.log(`\n${banner(running)}\n${accountsBanner(config.seedFile)}\n`);
  const env = { ...process.env, ...running.appEnv };
  let code = 0;
  for (const step of steps) {
    code = await runNext(step, env);
    if (code !== 0) break;
  }
  await running.close();
  process.exit(code);
}

/** True when real Clerk keys are configured in the environment or in .env.local. */
export function hasClerkKeys(env: NodeJS.ProcessEnv, envLocalText: string | null): boolean {
  const inFile = (name: string) => new RegExp(`^\\s*${name}\\s*=\\s*\\S`, "m").test(envLocalText ?? "");
  const has = (name: string) => Boolean(env[name]?.trim()) || inFile(name);
  return has("CLERK_SECRET_KEY") || has("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY");
}
