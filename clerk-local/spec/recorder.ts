import {
  contractFor,
  type Api,
  type Contract,
  type ResponseInput,
  type ValidateOptions,
  type ValidationError,
} from "./contract";

// A test run can have every local Clerk it creates checked, including those its tests build with a
// config of their own: the package's Vitest setup installs one recorder per test file.
let everyServer: ContractRecorder | null = null;

export function checkEveryServerWith(recorder: ContractRecorder | null): void {
  everyServer = recorder;
}

export function recorderForEveryServer(): ContractRecorder | null {
  return everyServer;
}

export type RecordInput = Omit<ResponseInput, "api"> & {
  /** The API whose route answered; null when no route took the request. */
  api: Api | null;
  /** False when the server had no route for the request (its 404 "No route"). */
  routed: boolean;
};

export type RecordedViolation = ValidationError & { count: number };

export type ApiCoverage = {
  served: number;
  total: number;
  /** Operation ids that received at least one routed response. */
  operations: string[];
};

export type ContractReport = {
  coverage: Record<Api, ApiCoverage>;
  /** "METHOD /path (operationId)" for spec operations requested but never routed. */
  reachedNotServed: string[];
  /** "METHOD /path" for requests no operation of either spec describes. */
  outsideSpec: string[];
  violations: RecordedViolation[];
  waived: RecordedViolation[];
};

export type ContractRecorder = {
  record: (input: RecordInput) => void;
  report: () => ContractReport;
};

export type RecorderOptions = ValidateOptions & {
  /** Contracts to check against; defaults to the vendored specs. */
  contracts?: Partial<Record<Api, Contract>>;
};

function outsideSpecViolation(api: Api, label: string, status: number): ValidationError {
  const message = `no operation of the ${api === "bapi" ? "Backend" : "Frontend"} API spec describes this route`;
  return { api, operationId: "(none)", method: label.split(" ")[0] ?? "", path: label.split(" ")[1] ?? "", status, pointer: "", keyword: "operation", message, text: `${label} ${status}: ${message}` };
}

export function createContractRecorder(options: RecorderOptions = {}): ContractRecorder {
  const contract = (api: Api) => options.contracts?.[api] ?? contractFor(api);
  const served: Record<Api, Set<string>> = { fapi: new Set(), bapi: new Set() };
  const notRouted = new Map<string, { api: Api; operationId: string }>();
  const outsideSpec = new Set<string>();
  const violations = new Map<string, RecordedViolation>();
  const waived = new Map<string, RecordedViolation>();

  function tally(into: Map<string, RecordedViolation>, errors: readonly ValidationError[]) {
    for (const error of errors) {
      const existing = into.get(error.text);
      if (existing) existing.count += 1;
      else into.set(error.text, { ...error, count: 1 });
    }
  }

  return {
    record(input) {
      const { routed, api: declared, ...response } = input;
      // A request no route took may belong to either spec.
      const candidates: Api[] = declared ? [declared] : ["bapi", "fapi"];
      const found = candidates
        .map((api) => ({ api, operation: contract(api).matchOperation(input.method, input.path) }))
        .find((match) => match.operation);
      const label = `${input.method.toUpperCase()} ${input.path.split("?")[0]}`;
      if (!found?.operation) {
        outsideSpec.add(`${label}${routed ? "" : " (no route)"}`);
        // A route that answers outside both specs is a route Clerk does not have.
        if (routed && declared) tally(violations, [outsideSpecViolation(declared, label, input.status)]);
        return;
      }
      const { api, operation } = found;
      if (!routed) {
        notRouted.set(`${operation.method} ${operation.path} (${operation.operationId})`, {
          api,
          operationId: operation.operationId,
        });
        return;
      }
      served[api].add(operation.operationId);
      const result = contract(api).validateResponse(response, { errata: options.errata });
      tally(violations, result.errors);
      tally(waived, result.waived);
    },
    report() {
      const coverage = (api: Api): ApiCoverage => ({
        served: served[api].size,
        total: contract(api).totalOperations(),
        operations: [...served[api]].sort(),
      });
      return {
        coverage: { fapi: coverage("fapi"), bapi: coverage("bapi") },
        reachedNotServed: [...notRouted]
          .filter(([, op]) => !served[op.api].has(op.operationId))
          .map(([label]) => label)
          .sort(),
        outsideSpec: [...outsideSpec].sort(),
        violations: [...violations.values()],
        waived: [...waived.values()],
      };
    },
  };
}
