import type { Api } from "./load-spec";

/**
 * A recorded point where Clerk's published spec disagrees with what clerk-js or @clerk/backend
 * actually parse or send. The SDKs win; a violation matching an erratum is reported as waived.
 */
export type Erratum = {
  api: Api;
  /** Operation id as the spec names it, or "*" for every operation. */
  operationId: string;
  /** Response status, or "*" for any. */
  status: number | "*";
  /** JSON pointer into the body; `*` stands for one segment, `**` for any number of them. */
  pointer: string;
  /** Ajv keyword (`type`, `required`, `additionalProperties`, `enum`, ...), or `status`. */
  keyword: string;
  reason: string;
  evidence: {
    /** A file in the public clerk/javascript repository, or under node_modules/@clerk/<pkg>/dist. */
    source: string;
    shows: string;
  };
};

export type ErratumTarget = {
  api: Api;
  operationId: string;
  status: number;
  pointer: string;
  keyword: string;
};

// Each entry needs evidence someone has read; none is added on suspicion.
export const ERRATA: readonly Erratum[] = [];

export function findErratum(errata: readonly Erratum[], target: ErratumTarget): Erratum | undefined {
  return errata.find(
    (erratum) =>
      erratum.api === target.api &&
      (erratum.operationId === "*" || erratum.operationId === target.operationId) &&
      (erratum.status === "*" || erratum.status === target.status) &&
      erratum.keyword === target.keyword &&
      pointerPattern(erratum.pointer).test(target.pointer),
  );
}

const patterns = new Map<string, RegExp>();

function pointerPattern(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (!regex) {
    const source = pattern
      .split("/")
      .map((segment) =>
        segment === "**" ? ".*" : segment === "*" ? "[^/]*" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
      )
      .join("/");
    regex = new RegExp(`^${source}$`);
    patterns.set(pattern, regex);
  }
  return regex;
}
