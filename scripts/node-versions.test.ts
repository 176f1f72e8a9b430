// The Node majors and the Vercel CLI version are written in several places; these say the same thing.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { NODE_24, VERCEL_CLI } from "./pinned-tools";

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), "utf8");

const pkg = JSON.parse(read("package.json")) as { engines: { node: string } };
const ci = parse(read(".github/workflows/ci.yml")) as { jobs: { test: { strategy: { matrix: { node: number[] } } } } };
const deploy = read(".github/workflows/deploy.yml");

/** `^20.9.0 || 22.x || 24.x` -> [20, 22, 24]: one range per major, each naming its major first. */
function engineMajors(range: string): number[] {
  return range.split("||").map((part) => Number(/^\s*[\^~]?(\d+)\./.exec(part)?.[1]));
}

describe("Node versions", () => {
  it("engines.node names whole majors only, so Vercel never moves to a new major unasked", () => {
    expect(pkg.engines.node).not.toMatch(/>|\*|latest/);
    expect(engineMajors(pkg.engines.node)).toEqual([20, 22, 24]);
  });

  it("the fork workflow tests each major engines.node names", () => {
    expect(ci.jobs.test.strategy.matrix.node).toEqual(engineMajors(pkg.engines.node));
  });

  it(".node-version is the newest of them, the one Vercel picks and the pinned Node 24 is", () => {
    const newest = Math.max(...engineMajors(pkg.engines.node));
    expect(read(".node-version").trim()).toBe(String(newest));
    expect(NODE_24.version.split(".")[0]).toBe(String(newest));
  });
});

describe("Vercel CLI", () => {
  it("the deploy workflow installs the version check:vercel proves", () => {
    expect(deploy.match(/vercel@[\w.-]+/g)).toEqual([`vercel@${VERCEL_CLI.version}`]);
  });
});
