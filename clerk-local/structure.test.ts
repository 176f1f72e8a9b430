// The package's shape, kept by a test: no import circles, and nothing imported from outside it but
// its declared dependencies (it must run with no file of the app that uses it).
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

function sources(dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

const files = sources();
const importsOf = (file: string) => [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s+"([^"]+)"/g)].map((match) => match[1]!);
const packageOf = (specifier: string) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

describe("the clerk-local package", () => {
  it("imports only its own files, Node's modules and its declared dependencies", () => {
    const allowed = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies), "vitest"]);
    const strays = files.flatMap((file) =>
      importsOf(file)
        .filter((specifier) => {
          if (specifier.startsWith(".")) return !path.resolve(path.dirname(file), specifier).startsWith(root + path.sep);
          if (specifier.startsWith("node:") || builtinModules.includes(specifier)) return false;
          // Tests may use dev dependencies; the server itself only its dependencies.
          const testTooling = file.endsWith(".test.ts") || file.endsWith("vitest.config.ts") || file.includes(`${path.sep}testing${path.sep}`);
          const own = testTooling ? allowed : new Set(Object.keys(pkg.dependencies));
          return !own.has(packageOf(specifier));
        })
        .map((specifier) => `${path.relative(root, file)}: ${specifier}`),
    );
    expect(strays).toEqual([]);
  });

  it("has no import circles", () => {
    const resolve = (from: string, specifier: string) => {
      const target = path.resolve(path.dirname(from), specifier);
      return [`${target}.ts`, path.join(target, "index.ts")].find((candidate) => files.includes(candidate));
    };
    const graph = new Map(files.map((file) => [file, importsOf(file).filter((s) => s.startsWith(".")).flatMap((s) => resolve(file, s) ?? [])]));
    const state = new Map<string, "open" | "done">();
    const circles: string[] = [];
    const visit = (file: string, trail: string[]) => {
      state.set(file, "open");
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === "open") circles.push([...trail.slice(trail.indexOf(next)), next].map((f) => path.relative(root, f)).join(" -> "));
        else if (!state.has(next)) visit(next, [...trail, next]);
      }
      state.set(file, "done");
    };
    for (const file of files) if (!state.has(file)) visit(file, [file]);
    expect(circles).toEqual([]);
  });
});
