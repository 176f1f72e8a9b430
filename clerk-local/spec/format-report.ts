import type { ContractReport, RecordedViolation } from "./recorder";

const API_NAMES = { fapi: "Frontend API", bapi: "Backend API" } as const;

export function formatContractReport(report: ContractReport): string {
  const lines: string[] = [];
  for (const api of ["fapi", "bapi"] as const) {
    const { served, total } = report.coverage[api];
    lines.push(`${API_NAMES[api]}: ${served} of ${total} operations served`);
  }
  section(lines, "Reached but not served", report.reachedNotServed);
  section(lines, "Outside the spec", report.outsideSpec);
  const waivedCount = report.waived.reduce((sum, v) => sum + v.count, 0);
  lines.push(`Waived (errata): ${report.waived.length} distinct, ${waivedCount} in all`);
  section(lines, "Violations", report.violations.map(describe));
  return lines.join("\n");
}

function section(lines: string[], title: string, items: readonly string[]) {
  lines.push(`${title}: ${items.length}`);
  for (const item of items) lines.push(`  ${item}`);
}

function describe(violation: RecordedViolation): string {
  return violation.count > 1 ? `${violation.text} (x${violation.count})` : violation.text;
}
