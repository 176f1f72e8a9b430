// Prints which operations of Clerk's specs the local Clerk has a route for, out of each spec's total:
// `npx tsx clerk-local/spec/served-operations.ts`. (The e2e run prints which of them it actually used.)
import { isBackendPath } from "../backend/routes";
import { createApp } from "../app";
import { defaultConfig } from "../config";
import { contractFor, type Api } from "./contract";

const { app, close } = await createApp(defaultConfig({ port: 0 }));
const served: Record<Api, Set<string>> = { fapi: new Set(), bapi: new Set() };
for (const route of app.routes) {
  if (!route.path.startsWith("/v1/") || route.method === "ALL") continue;
  const path = route.path.replace(/:[a-z_]+/g, "x");
  const api: Api = isBackendPath(path) ? "bapi" : "fapi";
  const operation = contractFor(api).matchOperation(route.method, path);
  // A fixed segment that only fills a spec parameter (`/v1/clients/handshake_payload`) is another operation.
  if (operation && sameParameters(route.path, operation.path)) {
    served[api].add(`${operation.method} ${operation.path} (${operation.operationId})`);
  }
}
await close();

function sameParameters(routePath: string, specPath: string): boolean {
  const route = routePath.split("/");
  return specPath.split("/").every((segment, i) => segment.startsWith("{") === (route[i] ?? "").startsWith(":"));
}

for (const api of ["fapi", "bapi"] as const) {
  const name = api === "fapi" ? "Frontend API" : "Backend API";
  console.log(`${name}: ${served[api].size} of ${contractFor(api).totalOperations()} operations have a route`);
  for (const operation of [...served[api]].sort()) console.log(`  ${operation}`);
}
