// The production build the suite runs against must ship no secret to browsers: not the Clerk secret key,
// not the webhook signing secret, nothing that looks like an `sk_` key.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { LOCAL_WEBHOOK_SIGNING_SECRET } from "clerk-local";
import { clerkEnv, REAL_CLERK } from "./support/clerk-env";
import { expect, test } from "./support/fixtures";

// Where playwright.config.ts's web server put the build.
const DIST_DIR = REAL_CLERK ? ".next-e2e-clerk" : ".next-local";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

test("no client bundle contains the secret key, the webhook secret or any sk_ value", async ({ request }) => {
  // Everything the browser can download from the build lives under static/.
  const files = filesUnder(path.join(DIST_DIR, "static"));
  expect(files.filter((file) => file.endsWith(".js")).length, "the build's client scripts").toBeGreaterThan(5);

  const secrets = [clerkEnv.secretKey, process.env.CLERK_WEBHOOK_SIGNING_SECRET ?? LOCAL_WEBHOOK_SIGNING_SECRET];
  const leaks: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, "latin1");
    for (const secret of secrets) if (secret && text.includes(secret)) leaks.push(`${file}: a configured secret`);
    const skValue = /\bsk_(test|live)_[A-Za-z0-9]{4,}/.exec(text);
    if (skValue) leaks.push(`${file}: ${skValue[0].slice(0, 12)}…`);
  }
  expect(leaks).toEqual([]);

  // The pages the server renders must not carry them either.
  for (const pathname of ["/", "/sign-in"]) {
    const html = await (await request.get(pathname)).text();
    for (const secret of secrets) expect(html.includes(secret), `${pathname} HTML`).toBe(false);
  }
});
