// Runs after every other spec: every Frontend and Backend API answer the local Clerk gave during the
// run must have kept Clerk's published OpenAPI contract (or a recorded erratum), and no request the
// app's screens or its @clerk/backend calls made may have found an operation the local Clerk lacks.
import { expect, test } from "@playwright/test";
import { formatContractReport } from "../clerk-local/spec/format-report";
import type { ContractReport } from "../clerk-local/spec/recorder";
import { LOCAL_ONLY, REAL_CLERK } from "./support/clerk-env";
import { E2E_CLERK_URL } from "./support/ports";

test("the local Clerk kept Clerk's published contract through the whole run", async () => {
  test.skip(REAL_CLERK, LOCAL_ONLY);
  const response = await fetch(`${E2E_CLERK_URL}/__clerk_local/contract`);
  expect(response.status, await response.clone().text()).toBe(200);
  const report = (await response.json()) as ContractReport;
  console.log(`\n${formatContractReport(report)}\n`);
  expect(report.coverage.fapi.served, "Frontend API responses were recorded").toBeGreaterThan(0);
  expect(report.coverage.bapi.served, "Backend API responses were recorded").toBeGreaterThan(0);
  expect(report.reachedNotServed).toEqual([]);
  expect(report.violations.map((violation) => violation.text)).toEqual([]);
});
