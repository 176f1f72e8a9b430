// Prints how long reading the specs and the first validations take: `npm run spec-load -w clerk-local`.
import { contractFor, type Api } from "../spec/contract";
import { bapiUser } from "../testing/spec-fixtures";

function timed(label: string, run: () => unknown) {
  const start = performance.now();
  run();
  console.log(`${label}: ${(performance.now() - start).toFixed(0)} ms`);
}

function validate(api: Api, path: string, body: unknown) {
  return () =>
    contractFor(api).validateResponse({ method: "GET", path, status: 200, contentType: "application/json", body });
}

timed("BAPI spec load", () => contractFor("bapi").totalOperations());
timed("BAPI first validation (GetUser 200)", validate("bapi", "/v1/users/u", bapiUser()));
timed("BAPI second validation (GetUser 200)", validate("bapi", "/v1/users/u", bapiUser()));
timed("FAPI spec load", () => contractFor("fapi").totalOperations());
timed("FAPI first validation (getClient 200)", validate("fapi", "/v1/client", { response: null, client: null }));
timed("FAPI first validation (getEnvironment 200)", validate("fapi", "/v1/environment", {}));
