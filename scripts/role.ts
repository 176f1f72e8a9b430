// `npm run role -- <email or username> admin|member`: sets a user's role (public_metadata.role) through
// @clerk/backend. With Clerk keys (in the environment or .env.local) it changes the real instance;
// without, the local Clerk that `npm run dev` runs. The user's next session token carries the role.
import { existsSync } from "node:fs";
import { loadEnvFile } from "node:process";
import { pathToFileURL } from "node:url";
import { createClerkClient } from "@clerk/backend";
import { isClerkAPIResponseError } from "@clerk/backend/errors";
import { DEFAULT_SECRET_KEY } from "clerk-local";
import { parseRole, ROLES } from "../lib/roles";

export const USAGE = `Usage: npm run role -- <email or username> ${ROLES.join("|")}`;

/** A refusal: the message says what to do, and nothing was changed. */
export class RoleError extends Error {}

type Backend = ReturnType<typeof createClerkClient>;

/** Finds the user by email address (anything with an @) or username, and sets the role; the answer to print. */
export async function setRole(backend: Backend, identifier: string | undefined, roleArg: string | undefined): Promise<string> {
  const role = parseRole(roleArg);
  if (!identifier || !roleArg) throw new RoleError(USAGE);
  if (!role) throw new RoleError(`Unknown role "${roleArg}": expected ${ROLES.join(" or ")}.`);
  const byEmail = identifier.includes("@");
  const { data } = await backend.users.getUserList(byEmail ? { emailAddress: [identifier] } : { username: [identifier] });
  const user = data[0];
  if (!user) throw new RoleError(`No user has the ${byEmail ? "email address" : "username"} "${identifier}".`);
  // Merged into public_metadata: whatever else it holds stays.
  await backend.users.updateUserMetadata(user.id, { publicMetadata: { role } });
  return `${identifier} (${user.id}) is now ${role === "admin" ? "an admin" : "a member"}. Their next session token carries it, within a minute.`;
}

/** Real Clerk with keys; otherwise the local Clerk of `npm run dev`, which must be running. */
export function targetFromEnv(env: Record<string, string | undefined>): { backend: Backend; where: string; local: boolean } {
  const secretKey = env.CLERK_SECRET_KEY?.trim();
  if (secretKey) {
    const apiUrl = env.CLERK_API_URL?.trim() || undefined;
    return { backend: createClerkClient({ secretKey, apiUrl }), where: apiUrl ?? "Clerk", local: false };
  }
  const url = `http://127.0.0.1:${env.CLERK_LOCAL_PORT?.trim() || 4010}`;
  return { backend: createClerkClient({ secretKey: DEFAULT_SECRET_KEY, apiUrl: url }), where: url, local: true };
}

async function main(): Promise<void> {
  if (!process.env.CLERK_SECRET_KEY && existsSync(".env.local")) loadEnvFile(".env.local");
  const [identifier, role] = process.argv.slice(2);
  const target = targetFromEnv(process.env);
  try {
    console.log(await setRole(target.backend, identifier, role));
  } catch (error) {
    if (error instanceof RoleError) throw error;
    // @clerk/backend reports a request that got no answer as an error without a status.
    const answered = isClerkAPIResponseError(error) ? error.status !== undefined : false;
    if (!answered && target.local) {
      throw new RoleError(`No Clerk keys are configured and no local Clerk answers at ${target.where}: start \`npm run dev\`, or put Clerk keys in .env.local.`);
    }
    const reason = isClerkAPIResponseError(error) ? (error.errors[0]?.longMessage ?? error.errors[0]?.message) : String(error);
    throw new RoleError(`Clerk (${target.where}) refused the change: ${reason ?? "no reason given"}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
