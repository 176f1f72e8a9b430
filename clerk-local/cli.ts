// `npm run clerk-local`: the local Clerk alone, printing the env an app needs to use it.
import { formatEnv } from "./app-env";
import { configFromEnv } from "./config";
import { banner, startLocalClerk } from "./server";

async function main(): Promise<void> {
  const running = await startLocalClerk(configFromEnv(process.env));
  console.log(banner(running));
  console.log("\nPoint an app at it with this environment (e.g. in .env.local):\n");
  console.log(formatEnv(running.appEnv));
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
