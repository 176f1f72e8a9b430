// Clerk's specs are large YAML files, slow to parse and read by every process that checks the contract
// (each unit test file, the e2e run's local Clerk). The parsed document is kept as JSON in
// node_modules/.cache, keyed by the file's hash, and parsed again only when the file changes.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const CACHE_DIR = fileURLToPath(new URL("../../node_modules/.cache/clerk-local-spec/", import.meta.url));

export function readYamlDocument(file: string, cacheDir = CACHE_DIR): unknown {
  const text = readFileSync(file, "utf8");
  const cached = path.join(cacheDir, `${createHash("sha1").update(text).digest("hex")}.json`);
  try {
    return JSON.parse(readFileSync(cached, "utf8")) as unknown;
  } catch {
    // Not cached yet (or unreadable): parse, and keep it for next time if the folder can be written.
  }
  const document: unknown = parse(text);
  try {
    mkdirSync(cacheDir, { recursive: true });
    // Written aside, then renamed: a concurrent reader never sees half a file.
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(document));
    renameSync(partial, cached);
  } catch {
    // A read-only install still works, only slower.
  }
  return document;
}
