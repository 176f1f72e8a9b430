// The `clerk-local` command: the local Clerk alone, printing the env an app needs to use it.
import { formatEnv } from "./app-env";
import { CLI_USAGE, CliArgsError, parseCliArgs } from "./cli-args";
import { configFromEnv, withOverrides } from "./config";
import { banner, startLocalClerk } from "./server";

async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2));
  if (args.help) {
    console.log(CLI_USAGE);
    return;
  }
  const running = await startLocalClerk(withOverrides(configFromEnv(process.env), args.overrides));
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
  // Configuration problems (a bad state file, a taken port) are reported as one line, not a stack.
  console.error(error instanceof Error ? error.message : error);
  if (error instanceof CliArgsError) console.error(`\n${CLI_USAGE}`);
  process.exit(1);
});
