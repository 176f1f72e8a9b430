// The `clerk-local` command as another app runs it: from a folder of its own, with no file of this
// repository's app, serving Clerk's bundles from the package's own dependencies.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("bin/clerk-local.mjs", import.meta.url));
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe("the clerk-local command", () => {
  it("runs from another app's folder, names that app in the env it prints, and serves clerk-js", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "another-app-"));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    const child = spawn(process.execPath, [BIN, "--port", "0", "--app-origin", "http://localhost:3999", "--app-name", "Another app"], {
      cwd: folder,
      env: { PATH: process.env.PATH, NODE_ENV: "development" },
    });
    cleanups.push(() => child.kill("SIGTERM"));
    let output = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match && output.includes("NEXT_TELEMETRY_DISABLED")) resolve(match[1]!);
      });
      child.on("exit", (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    expect(output).toContain("APP_ORIGIN=http://localhost:3999");
    expect(output).toContain(`CLERK_API_URL=${url}`);
    const bundle = await fetch(`${url}/npm/@clerk/clerk-js@6/dist/clerk.browser.js`);
    expect(bundle.status).toBe(200);
    const environment = (await (await fetch(`${url}/v1/environment`)).json()) as { display_config: { application_name: string; home_url: string } };
    expect(environment.display_config).toMatchObject({ application_name: "Another app", home_url: "http://localhost:3999" });
  });
});
