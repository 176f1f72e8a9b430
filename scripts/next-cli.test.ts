import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import { NEXT_BUILD_ARGS } from "./next-cli";

describe("NEXT_BUILD_ARGS", () => {
  it("is what `npm run build` (and so Vercel) runs, so local and deployed builds bundle alike", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.build).toBe(["next", ...NEXT_BUILD_ARGS].join(" "));
  });
});
