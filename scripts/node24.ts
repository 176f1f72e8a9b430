// `tsx scripts/node24.ts <command> [args]`: runs the command with Node 24 first on PATH, so it and
// whatever it spawns run on the Node major Vercel deploys this app on (`npm run test:node24`).
import { spawnSync } from "node:child_process";
import { withNode24 } from "./pinned-tools";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: tsx scripts/node24.ts <command> [args]");
  process.exit(2);
}
const env = withNode24(process.env);
spawnSync("node", ["--version"], { env, stdio: "inherit" });
const result = spawnSync(command, args, { env, stdio: "inherit" });
process.exit(result.status ?? 1);
