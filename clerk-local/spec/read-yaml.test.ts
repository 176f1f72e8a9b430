import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readYamlDocument } from "./read-yaml";

describe("readYamlDocument", () => {
  it("parses a file, then answers from its cache, and parses again when the file changes", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "read-yaml-"));
    const file = path.join(dir, "spec.yml");
    const cacheDir = path.join(dir, "cache");
    writeFileSync(file, "openapi: 3.0.3\ninfo:\n  title: one\npaths: {}\n");
    const first = readYamlDocument(file, cacheDir);
    expect(first).toEqual({ openapi: "3.0.3", info: { title: "one" }, paths: {} });
    const [entry] = readdirSync(cacheDir);
    expect(readdirSync(cacheDir)).toEqual([expect.stringMatching(/^[0-9a-f]{40}\.json$/)]);
    // The second read comes from the cache: what the cache holds is what it answers.
    writeFileSync(path.join(cacheDir, entry!), JSON.stringify({ from: "cache" }));
    expect(readYamlDocument(file, cacheDir)).toEqual({ from: "cache" });
    writeFileSync(file, "openapi: 3.0.3\ninfo:\n  title: two\npaths: {}\n");
    expect(readYamlDocument(file, cacheDir)).toEqual({ openapi: "3.0.3", info: { title: "two" }, paths: {} });
    // Nothing half-written is left behind.
    expect(readdirSync(cacheDir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});
