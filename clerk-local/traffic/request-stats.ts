// Request counts per route pattern (`GET /v1/users/:id`), so a test or benchmark can tell how many
// Clerk calls the app made without ids turning every request into its own key.
import type { ApiKind as Api } from "../http/routes";

export type StatsJSON = {
  since: number;
  bapi: Record<string, number>;
  fapi: Record<string, number>;
  /** Requests answered by an injected fault instead of the handler, by status or `timeout`. */
  bapi_faults: Record<string, number>;
  fapi_faults: Record<string, number>;
  bundle_faults: Record<string, number>;
};

export type FaultTarget = "bapi" | "fapi" | "bundle";

export class RequestStats {
  private since = Date.now();
  private counts: Record<Api, Map<string, number>> = { bapi: new Map(), fapi: new Map() };
  private faults: Record<FaultTarget, Map<string, number>> = emptyFaults();

  count(api: Api, key: string): void {
    const counts = this.counts[api];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }

  countFault(target: FaultTarget, kind: string): void {
    const faults = this.faults[target];
    faults.set(kind, (faults.get(kind) ?? 0) + 1);
  }

  reset(): void {
    this.since = Date.now();
    this.counts = { bapi: new Map(), fapi: new Map() };
    this.faults = emptyFaults();
  }

  toJSON(): StatsJSON {
    const sorted = (map: Map<string, number>) => Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)));
    return {
      since: this.since,
      bapi: sorted(this.counts.bapi),
      fapi: sorted(this.counts.fapi),
      bapi_faults: sorted(this.faults.bapi),
      fapi_faults: sorted(this.faults.fapi),
      bundle_faults: sorted(this.faults.bundle),
    };
  }
}

function emptyFaults(): Record<FaultTarget, Map<string, number>> {
  return { bapi: new Map(), fapi: new Map(), bundle: new Map() };
}
