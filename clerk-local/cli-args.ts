// Flags of `npm run clerk-local -- [flags]`; each one overrides its environment variable.
import path from "node:path";
import type { LocalClerkConfig } from "./config";

export const CLI_USAGE = `Usage: npm run clerk-local -- [--state FILE] [--seed FILE] [--port N] [--host HOST] [--webhook-url URL]

  --state FILE        keep users in FILE across restarts (read at start, rewritten on change)
                      env CLERK_LOCAL_STATE_FILE
  --seed FILE         import users from FILE at start, never write it; env CLERK_LOCAL_SEED_FILE
  --port N            port to listen on (0 picks a free one); env CLERK_LOCAL_PORT, default 4010
  --host HOST         interface to bind; env CLERK_LOCAL_HOST, default 127.0.0.1
  --webhook-url URL   deliver user.* webhooks there; env CLERK_LOCAL_WEBHOOK_URL
  --help              this text`;

export type CliArgs = { help: boolean; overrides: Partial<LocalClerkConfig> };

export class CliArgsError extends Error {}

export function parseCliArgs(argv: string[], cwd = process.cwd()): CliArgs {
  const overrides: Partial<LocalClerkConfig> = {};
  let help = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") {
      help = true;
      continue;
    }
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      const next = inline ?? argv[(i += 1)];
      if (next === undefined || next === "") throw new CliArgsError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case "--state":
        overrides.stateFile = path.resolve(cwd, value());
        break;
      case "--seed":
        overrides.seedFile = path.resolve(cwd, value());
        break;
      case "--port": {
        const raw = value();
        const port = Number(raw);
        if (!/^\d+$/.test(raw) || port > 65535) throw new CliArgsError(`--port ${raw}: expected a whole number from 0 to 65535`);
        overrides.port = port;
        break;
      }
      case "--host":
        overrides.host = value();
        break;
      case "--webhook-url":
        overrides.webhookUrl = value();
        break;
      default:
        throw new CliArgsError(`Unknown argument ${arg}`);
    }
  }
  return { help, overrides };
}
