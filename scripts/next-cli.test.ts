import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import { HEADER_LIMIT_FLAG, NEXT_BIN, NEXT_BUILD_ARGS, nextProcessEnv } from "./next-cli";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  scripts: Record<string, string>;
};

describe("the Next.js commands package.json and the scripts run", () => {
  it("build the same way: `npm run build` (what Vercel runs) is NEXT_BUILD_ARGS", () => {
    expect(pkg.scripts.build).toBe(["next", ...NEXT_BUILD_ARGS].join(" "));
  });

  it("serve the same way: `npm start` has the header limit the scripts give every Next process", () => {
    expect(pkg.scripts.start).toBe(`node ${HEADER_LIMIT_FLAG} ${NEXT_BIN} start`);
  });

  it("add the header limit to NODE_OPTIONS without dropping what was there", () => {
    expect(nextProcessEnv({ PORT: "1" })).toEqual({ PORT: "1", NODE_OPTIONS: HEADER_LIMIT_FLAG });
    expect(nextProcessEnv({ NODE_OPTIONS: "--enable-source-maps" }).NODE_OPTIONS).toBe(`--enable-source-maps ${HEADER_LIMIT_FLAG}`);
  });
});
