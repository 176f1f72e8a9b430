// Flags of the `clerk-local` command; each one overrides its environment variable.
import path from "node:path";
import { parsePort, type ConfigOverrides } from "./config";

export const CLI_USAGE = `Usage: clerk-local [flags]     (in this repository: npm run clerk-local -- [flags])

  --port N               port to listen on (0 picks a free one); env CLERK_LOCAL_PORT, default 4010
  --host HOST            interface to bind; env CLERK_LOCAL_HOST, default 127.0.0.1
  --app-origin URL       the app's origin, named in tokens as azp; default http://localhost:$PORT (3000)
  --app-name NAME        the name Clerk's components greet with; default "My application"
  --sign-in-url URL      the app's sign-in page; default Clerk's hosted page
  --sign-up-url URL      the app's sign-up page; default Clerk's hosted page
  --state FILE           keep users in FILE across restarts (read at start, rewritten on change);
                         env CLERK_LOCAL_STATE_FILE
  --seed FILE            import users from FILE at start, never write it; env CLERK_LOCAL_SEED_FILE
  --instance FILE        the instance's settings: auth_config, display_config, user_settings as Clerk's
                         /v1/environment gives them, session_token_claims, live; env CLERK_LOCAL_INSTANCE_FILE
  --webhook-url URL      deliver webhooks there; env CLERK_LOCAL_WEBHOOK_URL
  --contract-check       check every answer against Clerk's OpenAPI specs; env CLERK_LOCAL_CONTRACT_CHECK=1
  --help                 this text`;

export type CliArgs = { help: boolean; overrides: ConfigOverrides };

export class CliArgsError extends Error {}

function absoluteUrl(flag: string, value: string): string {
  try {
    return new URL(value).toString().replace(/\/$/, "");
  } catch {
    throw new CliArgsError(`${flag} ${value}: expected an absolute URL`);
  }
}

export function parseCliArgs(argv: string[], cwd = process.cwd()): CliArgs {
  const overrides: ConfigOverrides = {};
  let help = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") {
      help = true;
      continue;
    }
    if (arg === "--contract-check") {
      overrides.contractCheck = true;
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
      case "--instance":
        overrides.instanceFile = path.resolve(cwd, value());
        break;
      case "--port": {
        const raw = value();
        try {
          overrides.port = parsePort(raw, "--port");
        } catch (error) {
          throw new CliArgsError((error as Error).message);
        }
        break;
      }
      case "--host":
        overrides.host = value();
        break;
      case "--app-origin":
        overrides.appOrigin = new URL(absoluteUrl(flag, value())).origin;
        break;
      case "--app-name":
        overrides.applicationName = value();
        break;
      case "--sign-in-url":
        overrides.signInUrl = absoluteUrl(flag, value());
        break;
      case "--sign-up-url":
        overrides.signUpUrl = absoluteUrl(flag, value());
        break;
      case "--webhook-url":
        overrides.live = { ...overrides.live, webhook_url: absoluteUrl(flag, value()) };
        break;
      default:
        throw new CliArgsError(`Unknown argument ${arg}`);
    }
  }
  return { help, overrides };
}
