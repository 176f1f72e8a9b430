// Prints which operations of Clerk's specs the local Clerk has a route for, out of each spec's total:
// `npm run operations -w clerk-local`. (The e2e run prints which of them it actually used.)
import { createApp } from "../app";
import { defaultConfig } from "../config";
import { contractFor, type Api } from "../spec/contract";

const { routes, close } = await createApp(defaultConfig({ port: 0, demoUser: null }));
const served: Record<Api, Set<string>> = { fapi: new Set(), bapi: new Set() };
const outside: string[] = [];
for (const route of routes) {
  const path = route.path.replace(/:[a-z_]+/g, "x");
  const operation = contractFor(route.api).matchOperation(route.method, path);
  // A fixed segment that only fills a spec parameter (`/v1/clients/handshake_payload`) is another operation.
  if (operation && sameParameters(route.path, operation.path)) served[route.api].add(`${operation.method} ${operation.path} (${operation.operationId})`);
  else if (!operation) outside.push(`${route.method} ${route.path}`);
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
if (outside.length) console.log(`Routes no operation describes (catch-alls): ${outside.join(", ")}`);
