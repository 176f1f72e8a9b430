import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { keepTypeScriptFiles, NEXT_BUILD_ARGS } from "./next-cli";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  scripts: Record<string, string>;
};

describe("the Next.js commands package.json and the scripts run", () => {
  it("build the same way: `npm run build` (what Vercel runs) is NEXT_BUILD_ARGS", () => {
    expect(pkg.scripts.build).toBe(["next", ...NEXT_BUILD_ARGS].join(" "));
  });

  it("serve with Node's own header limit: `npm start` raises no limit", () => {
    expect(pkg.scripts.start).toBe("next start");
  });
});

describe("keepTypeScriptFiles", () => {
  const tsconfig = `${JSON.stringify({ include: ["next-env.d.ts", ".next-local/types/**/*.ts"] }, null, 2)}\n`;

  function directory(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(tmpdir(), "keep-ts-"));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
  }

  it("puts back the tsconfig.json and next-env.d.ts a build rewrote", () => {
    const dir = directory({ "tsconfig.json": tsconfig, "next-env.d.ts": "// regular\n" });
    const restore = keepTypeScriptFiles(dir);
    writeFileSync(path.join(dir, "tsconfig.json"), tsconfig.replace(".next-local", ".next-other"));
    writeFileSync(path.join(dir, "next-env.d.ts"), "// other\n");

    restore();

    expect(readFileSync(path.join(dir, "tsconfig.json"), "utf8")).toBe(tsconfig);
    expect(readFileSync(path.join(dir, "next-env.d.ts"), "utf8")).toBe("// regular\n");
  });

  it("removes a next-env.d.ts the build created, and leaves untouched files alone", () => {
    const dir = directory({ "tsconfig.json": tsconfig });
    const restore = keepTypeScriptFiles(dir);
    writeFileSync(path.join(dir, "next-env.d.ts"), "// created\n");

    restore();

    expect(existsSync(path.join(dir, "next-env.d.ts"))).toBe(false);
    expect(readFileSync(path.join(dir, "tsconfig.json"), "utf8")).toBe(tsconfig);
  });
});
