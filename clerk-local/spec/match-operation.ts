import type { SpecOperation } from "./load-spec";

type CompiledTemplate = {
  operation: SpecOperation;
  segments: RegExp[];
  /** Per segment: 2 literal, 1 literal with a parameter inside, 0 parameter only. */
  specificity: number[];
};

export type OperationMatcher = (method: string, path: string) => SpecOperation | null;

export function createOperationMatcher(operations: readonly SpecOperation[]): OperationMatcher {
  const byKey = new Map<string, CompiledTemplate[]>();
  for (const operation of operations) {
    const compiled = compileTemplate(operation);
    const key = `${operation.method} ${compiled.segments.length}`;
    const list = byKey.get(key) ?? [];
    list.push(compiled);
    byKey.set(key, list);
  }
  return (method, path) => {
    const segments = splitPath(path);
    const candidates = byKey.get(`${method.toUpperCase()} ${segments.length}`) ?? [];
    let best: CompiledTemplate | null = null;
    for (const candidate of candidates) {
      if (!candidate.segments.every((pattern, i) => pattern.test(segments[i] ?? ""))) continue;
      if (!best || moreSpecific(candidate.specificity, best.specificity)) best = candidate;
    }
    return best?.operation ?? null;
  };
}

/** The path alone: no query, no trailing slash. */
export function splitPath(path: string): string[] {
  const bare = path.split(/[?#]/)[0] ?? "";
  return bare.split("/").filter((segment) => segment !== "");
}

function compileTemplate(operation: SpecOperation): CompiledTemplate {
  const parts = splitPath(operation.path);
  return {
    operation,
    segments: parts.map((part) => new RegExp(`^${part.split(/\{[^}]+\}/).map(escapeRegExp).join("[^/]+")}$`)),
    specificity: parts.map((part) => (!part.includes("{") ? 2 : /^\{[^}]+\}$/.test(part) ? 0 : 1)),
  };
}

// Left to right, the first segment that differs decides: `/users/count` beats `/users/{user_id}`.
function moreSpecific(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return false;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
