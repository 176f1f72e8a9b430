// Runs after every other spec: every Frontend and Backend API answer the local Clerk gave during the
// run must have kept Clerk's published OpenAPI contract (or a recorded erratum), and no request the
// app's screens or its @clerk/backend calls made may have found an operation the local Clerk lacks.
import { expect, test } from "@playwright/test";
import { formatContractReport } from "clerk-local/controls";
import { LOCAL_ONLY, localClerk, REAL_CLERK } from "./support/clerk-env";

test("the local Clerk kept Clerk's published contract through the whole run", async () => {
  test.skip(REAL_CLERK, LOCAL_ONLY);
  const report = await localClerk.contract();
  console.log(`\n${formatContractReport(report)}\n`);
  expect(report.coverage.fapi.served, "Frontend API responses were recorded").toBeGreaterThan(0);
  expect(report.coverage.bapi.served, "Backend API responses were recorded").toBeGreaterThan(0);
  expect(report.reachedNotServed).toEqual([]);
  expect(report.violations.map((violation) => violation.text)).toEqual([]);
});
