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
  /** JSON pointer into the body; `*` stands for one segment, `**` for any number of them, none included. */
  pointer: string;
  /** Ajv keyword (`type`, `required`, `additionalProperties`, `enum`, ...), or `status` / `content`. */
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
export const ERRATA: readonly Erratum[] = [
  {
    api: "fapi",
    operationId: "*",
    status: "*",
    pointer: "/**/create_organizations_limit",
    keyword: "type",
    reason:
      "FAPI Client.User types create_organizations_limit as a non-null integer; clerk-js takes null " +
      "(and reads 0 as null), and the BAPI spec's own User makes it a nullable integer.",
    evidence: {
      source: "node_modules/@clerk/shared/dist/types/json.d.ts; node_modules/@clerk/clerk-js/dist/clerk.js",
      shows:
        "UserJSON declares `create_organizations_limit: number | null`; User.fromJSON does " +
        "`this.createOrganizationsLimit = e.create_organizations_limit || null`.",
    },
  },
  {
    api: "fapi",
    operationId: "createDevBrowser",
    status: 200,
    pointer: "",
    keyword: "content",
    reason: "The spec documents no body for a created dev browser; clerk-js reads the token from a JSON body.",
    evidence: {
      source: "node_modules/@clerk/clerk-js/dist/clerk.js",
      shows:
        "The dev-browser setup POSTs to `/dev_browser`, then `let m = await h.json(); u(m?.id)` stores `id` " +
        "as the dev browser token.",
    },
  },
  ...["/timezone", "/*/timezone"].map(
    (pointer): Erratum => ({
      api: "bapi",
      operationId: "*",
      status: "*",
      pointer,
      keyword: "additionalProperties",
      reason:
        "The BAPI User schema forbids extra properties and has no timezone; @clerk/backend reads a user's timezone.",
      evidence: {
        source: "node_modules/@clerk/backend/dist/api/resources/JSON.d.ts; node_modules/@clerk/backend/dist/index.js",
        shows: "UserJSON declares `timezone: string | null`; User.fromJSON passes `data.timezone` to the User constructor.",
      },
    }),
  ),
  // The specs list only some of the error statuses an operation can answer (none lists 413, the BAPI
  // rarely lists 401, the API keys' operations not 403). Both SDKs read every non-2xx the same way; the
  // body is still checked against Clerk's error envelope (`ClerkErrors`), which is not waived.
  ...(["fapi", "bapi"] as const).flatMap((api) =>
    [400, 401, 403, 404, 413, 422].map(
      (status): Erratum => ({
        api,
        operationId: "*",
        status,
        pointer: "",
        keyword: "status",
        reason: `An error status the operation does not list (${status}), answered with Clerk's error envelope.`,
        evidence: {
          source: "node_modules/@clerk/backend/dist/chunk-WJJ2QJZH.mjs; node_modules/@clerk/clerk-js/dist/clerk.browser.js",
          shows:
            "@clerk/backend's request: `if (!res.ok) return { data: null, errors: parseErrors(responseBody), status }` " +
            "for any status; clerk-js's BaseResource throws ClerkAPIResponseError with the `errors` of any status >= 300.",
        },
      }),
    ),
  ),
  {
    api: "bapi",
    operationId: "VerifyPassword",
    status: "*",
    pointer: "",
    keyword: "content",
    reason:
      "VerifyPassword's 400/404/422 document no body; Clerk answers them with its error envelope, which " +
      "@clerk/backend turns into ClerkAPIResponseError.errors (the body is checked against ClerkErrors).",
    evidence: {
      source: "node_modules/@clerk/backend/dist/chunk-WJJ2QJZH.mjs",
      shows: "`if (!res.ok) return { data: null, errors: parseErrors(responseBody), ... }`; parseErrors reads `data.errors`.",
    },
  },
  ...(
    [
      ["GetSessionList", "SessionAPI.getSessionList"],
      ["ListJWTTemplates", "JwtTemplatesApi.list"],
      ["ListInvitations", "InvitationAPI.getInvitationList"],
    ] as const
  ).map(
    ([operationId, method]): Erratum => ({
      api: "bapi",
      operationId,
      status: 200,
      pointer: "",
      keyword: "type",
      reason:
        `The spec's ${operationId} answers a bare array; @clerk/backend asks with \`paginated=true\` and reads ` +
        "`{data, total_count}`, which Clerk answers to that parameter.",
      evidence: {
        source: "node_modules/@clerk/backend/dist/chunk-WJJ2QJZH.mjs",
        shows:
          `${method} sends \`queryParams: { ...params, paginated: true }\` and documents a ` +
          "PaginatedResourceResponse `{ data, totalCount }`.",
      },
    }),
  ),
];

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
      .slice(1)
      .map((segment) =>
        segment === "**" ? "(?:/.*)?" : segment === "*" ? "/[^/]*" : `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`,
      )
      .join("");
    regex = new RegExp(`^${source}$`);
    patterns.set(pattern, regex);
  }
  return regex;
}
