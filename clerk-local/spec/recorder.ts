import {
  contractFor,
  type Api,
  type Contract,
  type ResponseInput,
  type ValidateOptions,
  type ValidationError,
} from "./contract";

export type RecordInput = ResponseInput & {
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
      const { routed, ...response } = input;
      let api = input.api;
      let operation = contract(api).matchOperation(input.method, input.path);
      // The server's own path list cannot classify a path it does not serve; the other spec may know it.
      if (!operation && !routed) {
        const other: Api = api === "bapi" ? "fapi" : "bapi";
        operation = contract(other).matchOperation(input.method, input.path);
        if (operation) api = other;
      }
      if (!operation) {
        outsideSpec.add(`${input.method.toUpperCase()} ${input.path.split("?")[0]}${routed ? "" : " (no route)"}`);
        return;
      }
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
